import type { Logger } from '../log/logger.ts';
import type { DigestMessage } from '../queue/digest-message.ts';
import type { JsonQueue } from '../queue/json-queue.ts';
import type { DispatchProgress } from '../store/dispatch-progress.ts';
import type { UserRepository } from '../store/user-repository.ts';
import { dispatchWindow, dueSlotsInWindow } from './digest-schedule.ts';

export interface DigestDispatchResult {
  readonly fromMs: number | null;
  readonly toMs: number | null;
  readonly enqueued: number;
}

/**
 * Hourly: queue every user whose digest came due since the last run. Messages are queued before the
 * progress mark moves, so a crash re-queues (the send ledger drops the repeats) rather than loses.
 */
export async function dispatchDueDigests(
  deps: {
    readonly users: UserRepository;
    readonly progress: DispatchProgress;
    readonly queue: JsonQueue<DigestMessage>;
    readonly logger: Logger;
  },
  now: Date,
): Promise<DigestDispatchResult> {
  const last = await deps.progress.lastWindowEnd();
  const window = dispatchWindow(now.getTime(), last);
  if (!window) {
    deps.logger.info('digest dispatch: nothing new since the last run', { lastWindowEnd: last });
    return { fromMs: null, toMs: null, enqueued: 0 };
  }
  const messages: DigestMessage[] = [];
  for (const zone of await deps.users.listDigestZones()) {
    for (const slot of dueSlotsInWindow(zone, window.fromMs, window.toMs)) {
      const userIds = await deps.users.listInDigestSlot(zone, slot.weekday, slot.hour);
      const dueAt = new Date(slot.dueMs).toISOString();
      for (const userId of userIds) messages.push({ userId, isoWeek: slot.isoWeek, dueAt });
    }
  }
  await deps.queue.enqueue(messages);
  const advanced = await deps.progress.advance(last, window.toMs);
  deps.logger.info('digest dispatch', {
    from: new Date(window.fromMs).toISOString(),
    to: new Date(window.toMs).toISOString(),
    enqueued: messages.length,
    advanced,
  });
  return { ...window, enqueued: messages.length };
}
