import { localDate as localDateIn } from '../contacts/next-due-date.ts';
import { dueSlotsInWindow } from '../digest/digest-schedule.ts';
import {
  runSlotDispatch,
  type SlotDispatchDependencies,
  type SlotSource,
} from '../dispatch/slot-dispatch.ts';
import type { ReminderMessage } from '../queue/reminder-message.ts';
import type { ReminderSlots } from '../store/reminder-slots.ts';

/** A reminder slot due in a plan: the readers of (zone, hour) on one local date. */
export interface ReminderSlotDue {
  readonly zone: string;
  readonly hour: number;
  readonly localDate: string;
  readonly dueMs: number;
}

export interface ReminderDispatchResult {
  readonly enqueued: number;
  readonly reachedMs: number | null;
  readonly complete: boolean;
}

/** The reminders' slots and readers: every weekday has the same hours, so each hour once per local date. */
export function reminderSlotSource(
  slots: Pick<ReminderSlots, 'listZones' | 'pageInSlot'>,
): SlotSource<ReminderSlotDue, ReminderMessage> {
  return {
    async slotsDue(fromMs, toMs) {
      const due: ReminderSlotDue[] = [];
      for (const zone of await slots.listZones()) {
        const seen = new Set<string>();
        for (const slot of dueSlotsInWindow(zone, fromMs, toMs)) {
          const localDate = localDateIn(new Date(slot.dueMs), zone);
          const key = `${localDate}#${slot.hour}`;
          if (seen.has(key)) continue;
          seen.add(key);
          due.push({ zone, hour: slot.hour, localDate, dueMs: slot.dueMs });
        }
      }
      return due.sort((a, b) => a.dueMs - b.dueMs || a.zone.localeCompare(b.zone));
    },
    page: (slot, after, limit) => slots.pageInSlot(slot.zone, slot.hour, after, limit),
    message: (slot, userId) => ({
      userId,
      localDate: slot.localDate,
      dueAt: new Date(slot.dueMs).toISOString(),
    }),
  };
}

/**
 * Every 15 minutes: queue every user with contacts (or renewals) whose local reminder hour (default
 * 09:00) came since the last run, once per local date, however many share the hour. Whether anyone
 * is due is decided by the sender, which reads the contacts.
 */
export async function dispatchDueReminders(
  deps: Omit<SlotDispatchDependencies<ReminderSlotDue, ReminderMessage>, 'source'> & {
    readonly slots: Pick<ReminderSlots, 'listZones' | 'pageInSlot'>;
  },
  now: Date,
): Promise<ReminderDispatchResult> {
  const result = await runSlotDispatch({ ...deps, source: reminderSlotSource(deps.slots) }, now);
  deps.logger.info('reminder dispatch', {
    enqueued: result.enqueued,
    reached: result.reachedMs === null ? null : new Date(result.reachedMs).toISOString(),
    complete: result.complete,
  });
  return result;
}
