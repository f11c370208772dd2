import type { Logger } from '../log/logger.ts';
import type { JsonQueue } from '../queue/json-queue.ts';

/*
 * Scheduled dispatch that holds at any number of readers per slot. A run covers the time since the last
 * one (in plans of at most an hour, so a long catch-up stays small) and, for each slot due in it, pages
 * through the slot's readers (the index is sorted by user id, so "after this id" resumes exactly),
 * queues each page in parallel batches, and saves where it got to before taking the next page. When
 * the time left runs short it stops; the next run carries on from the saved cursor, and only when a
 * plan's last slot is through does the progress mark move. A crash between queuing a page and saving
 * the cursor queues that page again, which the send ledger turns into one mail per reader.
 */

export interface SlotPage {
  readonly userIds: readonly string[];
  /** Resume after this id; null when the slot is through. */
  readonly next: string | null;
}

/** Where one dispatcher family finds its slots and readers (digests, reminders). */
export interface SlotSource<Slot, Message> {
  /** The slots whose due instant lies in (fromMs, toMs], in a stable order. */
  slotsDue(fromMs: number, toMs: number): Promise<Slot[]>;
  page(slot: Slot, after: string | null, limit: number): Promise<SlotPage>;
  message(slot: Slot, userId: string): Message;
}

export interface DispatchPlan<Slot> {
  readonly fromMs: number;
  readonly toMs: number;
  /** Slots not yet through, the first one in progress. */
  readonly remaining: readonly Slot[];
  /** In the first remaining slot: the last user id queued. */
  readonly after: string | null;
}

export interface DispatchState<Slot> {
  readonly lastWindowEnd: number | null;
  readonly plan: DispatchPlan<Slot> | null;
  /** Changes with every save: two runs at once cannot both move on. */
  readonly version: number;
}

export interface SlotDispatchProgress<Slot> {
  read(): Promise<DispatchState<Slot>>;
  /** Saves the cursor; false when another run saved since `version` (this run then stops). */
  savePlan(plan: DispatchPlan<Slot>, version: number): Promise<boolean>;
  /** The plan is through: the mark moves to its end and the plan goes; false as for savePlan. */
  finish(toMs: number, version: number): Promise<boolean>;
}

export interface SlotDispatchDependencies<Slot, Message> {
  readonly source: SlotSource<Slot, Message>;
  readonly progress: SlotDispatchProgress<Slot>;
  readonly queue: JsonQueue<Message>;
  readonly logger: Logger;
  /** Milliseconds the invocation has left (Lambda's getRemainingTimeInMillis); unlimited when absent. */
  readonly remainingMs?: () => number;
  /** Readers per page; default 1,000. */
  readonly pageSize?: number;
}

export interface SlotDispatchResult {
  readonly enqueued: number;
  /** The end of the last plan finished by this run, or null. */
  readonly reachedMs: number | null;
  /** False when the run stopped for time (or lost a race) with work left for the next run. */
  readonly complete: boolean;
}

/** Dispatch steps: the schedule runs every 15 minutes, so zones at :30 and :45 are met on time. */
export const dispatchStepMs = 15 * 60_000;
/** A plan covers at most this much time: a catch-up after missed runs is cut into plans this long. */
export const maxPlanMs = 60 * 60_000;
/** Missed runs are caught up at most this far back. */
export const maxCatchUpMs = 48 * 60 * 60_000;
/** Stop taking pages when less than this is left: the page in flight and the cursor save must fit. */
export const safetyMarginMs = 15_000;

export const stepFloor = (ms: number) => Math.floor(ms / dispatchStepMs) * dispatchStepMs;

/** The next plan's window after `lastWindowEnd`, up to the step boundary just passed; null when none. */
export function nextWindow(
  nowMs: number,
  lastWindowEnd: number | null,
): { fromMs: number; toMs: number } | null {
  const end = stepFloor(nowMs);
  const fromMs = Math.max(lastWindowEnd ?? end - dispatchStepMs, end - maxCatchUpMs);
  if (fromMs >= end) return null;
  return { fromMs, toMs: Math.min(end, fromMs + maxPlanMs) };
}

export async function runSlotDispatch<Slot, Message>(
  deps: SlotDispatchDependencies<Slot, Message>,
  now: Date,
): Promise<SlotDispatchResult> {
  const pageSize = deps.pageSize ?? 1_000;
  const timeLeft = deps.remainingMs ?? (() => Number.POSITIVE_INFINITY);
  let state = await deps.progress.read();
  let enqueued = 0;
  let reachedMs: number | null = null;
  for (;;) {
    let plan = state.plan;
    if (!plan) {
      const window = nextWindow(now.getTime(), state.lastWindowEnd);
      if (!window) return { enqueued, reachedMs, complete: true };
      plan = { ...window, remaining: await deps.source.slotsDue(window.fromMs, window.toMs), after: null };
    }
    let version = state.version;
    // A new plan is saved before its first page, so a run that dies at once leaves it for the next.
    if (!state.plan) {
      if (!(await deps.progress.savePlan(plan, version))) return { enqueued, reachedMs, complete: false };
      version += 1;
    }
    while (plan.remaining.length > 0) {
      if (timeLeft() < safetyMarginMs) {
        // The cursor is saved after every page, so what is left is where the next run starts.
        deps.logger.warn('dispatch stopped for time; the next run resumes', {
          slotsLeft: plan.remaining.length,
        });
        return { enqueued, reachedMs, complete: false };
      }
      const [slot, ...rest] = plan.remaining as [Slot, ...Slot[]];
      const page = await deps.source.page(slot, plan.after, pageSize);
      await deps.queue.enqueue(page.userIds.map((userId) => deps.source.message(slot, userId)));
      enqueued += page.userIds.length;
      plan = page.next === null ? { ...plan, remaining: rest, after: null } : { ...plan, after: page.next };
      if (!(await deps.progress.savePlan(plan, version))) {
        deps.logger.warn('dispatch: another run moved on; this one stops', {});
        return { enqueued, reachedMs, complete: false };
      }
      version += 1;
    }
    if (!(await deps.progress.finish(plan.toMs, version))) return { enqueued, reachedMs, complete: false };
    reachedMs = plan.toMs;
    state = { lastWindowEnd: plan.toMs, plan: null, version: version + 1 };
  }
}
