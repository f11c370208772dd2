import {
  runSlotDispatch,
  type SlotDispatchDependencies,
  type SlotSource,
} from '../dispatch/slot-dispatch.ts';
import type { DigestMessage } from '../queue/digest-message.ts';
import type { UserRepository } from '../store/user-repository.ts';
import { dueSlotsInWindow } from './digest-schedule.ts';
import { type DigestWindowDependencies, snapshotDigestWindow } from './snapshot-digest-window.ts';
import type { WindowSnapshotRef } from './window-snapshot.ts';

/** A digest slot due in a plan: the readers of (zone, weekday, hour), for the week it falls in. */
export interface DigestSlotDue {
  readonly zone: string;
  readonly weekday: string;
  readonly hour: number;
  readonly dueMs: number;
  readonly isoWeek: string;
}

export interface DigestDispatchResult {
  readonly enqueued: number;
  readonly reachedMs: number | null;
  readonly complete: boolean;
}

/**
 * The digest's slots and readers, for the scaled dispatcher (see slot-dispatch.ts). With `snapshotWindow`,
 * the first page of a run snapshots the event window and every message of the run points to it.
 */
export function digestSlotSource(
  users: Pick<UserRepository, 'listDigestZones' | 'pageDigestSlot'>,
  snapshotWindow?: () => Promise<WindowSnapshotRef | null>,
): SlotSource<DigestSlotDue, DigestMessage> {
  let snapshot: Promise<WindowSnapshotRef | null> | null = null;
  let window: WindowSnapshotRef | null = null;
  return {
    async slotsDue(fromMs, toMs) {
      const slots: DigestSlotDue[] = [];
      for (const zone of await users.listDigestZones()) {
        for (const slot of dueSlotsInWindow(zone, fromMs, toMs)) slots.push({ zone, ...slot });
      }
      return slots.sort((a, b) => a.dueMs - b.dueMs || a.zone.localeCompare(b.zone));
    },
    async page(slot, after, limit) {
      if (snapshotWindow) {
        snapshot ??= snapshotWindow();
        window = await snapshot;
      }
      return users.pageDigestSlot(slot.zone, slot.weekday, slot.hour, after, limit);
    },
    message: (slot, userId) => ({
      userId,
      isoWeek: slot.isoWeek,
      dueAt: new Date(slot.dueMs).toISOString(),
      ...(window ? { window } : {}),
    }),
  };
}

/**
 * Every 15 minutes: queue every reader whose digest came due since the last run, each once, however
 * many share a slot. Messages are queued before the cursor moves, so a crash re-queues a page (the
 * send ledger drops the repeats) rather than loses one.
 */
export async function dispatchDueDigests(
  deps: Omit<SlotDispatchDependencies<DigestSlotDue, DigestMessage>, 'source'> & {
    readonly users: Pick<UserRepository, 'listDigestZones' | 'pageDigestSlot'>;
    /** Where the run's window snapshot goes; absent: each send batch reads the window itself. */
    readonly window?: DigestWindowDependencies;
  },
  now: Date,
): Promise<DigestDispatchResult> {
  const { window } = deps;
  // A snapshot that cannot be made costs reads, not digests: the batches then read the window themselves.
  const snapshotWindow = window
    ? () =>
        snapshotDigestWindow(window, now).catch((error: unknown) => {
          deps.logger.warn('digest window snapshot failed: send batches read the window', { error });
          return null;
        })
    : undefined;
  const source = digestSlotSource(deps.users, snapshotWindow);
  const result = await runSlotDispatch({ ...deps, source }, now);
  deps.logger.info('digest dispatch', {
    enqueued: result.enqueued,
    reached: result.reachedMs === null ? null : new Date(result.reachedMs).toISOString(),
    complete: result.complete,
  });
  return result;
}
