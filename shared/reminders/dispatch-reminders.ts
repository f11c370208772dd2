import { DateTime } from 'luxon';
import { dispatchWindow, dueSlotsInWindow } from '../digest/digest-schedule.ts';
import type { Logger } from '../log/logger.ts';
import type { JsonQueue } from '../queue/json-queue.ts';
import type { ReminderMessage } from '../queue/reminder-message.ts';
import type { DispatchProgress } from '../store/dispatch-progress.ts';
import type { ReminderSlots } from '../store/reminder-slots.ts';

export interface ReminderDispatchResult {
  readonly fromMs: number | null;
  readonly toMs: number | null;
  readonly enqueued: number;
}

/**
 * Hourly: queue every user with contacts whose local reminder hour (default 09:00) came since the last
 * run, once per local date. The hours are the digest's, the RFC 5545 way across DST (digest-schedule.ts);
 * whether anyone is due is decided by the sender, which reads the contacts. Messages are queued before
 * the progress mark moves, so a crash re-queues (the send ledger drops the repeats) rather than loses.
 */
export async function dispatchDueReminders(
  deps: {
    readonly slots: Pick<ReminderSlots, 'listZones' | 'listInSlot'>;
    readonly progress: DispatchProgress;
    readonly queue: JsonQueue<ReminderMessage>;
    readonly logger: Logger;
  },
  now: Date,
): Promise<ReminderDispatchResult> {
  const last = await deps.progress.lastWindowEnd();
  const window = dispatchWindow(now.getTime(), last);
  if (!window) return { fromMs: null, toMs: null, enqueued: 0 };
  const messages: ReminderMessage[] = [];
  for (const zone of await deps.slots.listZones()) {
    // Every weekday has the same hours: look at each hour of the window once per local date.
    const seen = new Set<string>();
    for (const slot of dueSlotsInWindow(zone, window.fromMs, window.toMs)) {
      const localDate = DateTime.fromMillis(slot.dueMs, { zone }).toISODate() ?? '';
      const key = `${localDate}#${slot.hour}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const dueAt = new Date(slot.dueMs).toISOString();
      for (const userId of await deps.slots.listInSlot(zone, slot.hour))
        messages.push({ userId, localDate, dueAt });
    }
  }
  await deps.queue.enqueue(messages);
  const advanced = await deps.progress.advance(last, window.toMs);
  deps.logger.info('reminder dispatch', {
    from: new Date(window.fromMs).toISOString(),
    to: new Date(window.toMs).toISOString(),
    enqueued: messages.length,
    advanced,
  });
  return { ...window, enqueued: messages.length };
}
