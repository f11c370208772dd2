import type { CalendarStore } from '../store/calendar-store.ts';
import { TransactionCancelledError, type TransactionPart } from '../store/transact-write.ts';
import type { UserRepository } from '../store/user-repository.ts';
import type { UserProfile } from './user-profile.ts';

export interface SaveProfileDependencies {
  readonly users: Pick<UserRepository, 'save'>;
  /**
   * The parts that move the user's reminder slot to a zone and hour, conditional on the slot existing
   * (label 'reminder-slot'): users without contacts have none.
   */
  readonly reminderSlotMove: (userId: string, timeZone: string, hour: number) => TransactionPart[];
  /** The condition that the user has no reminder slot (label 'reminder-slot'). */
  readonly reminderSlotAbsent: (userId: string) => TransactionPart[];
  readonly calendars: Pick<CalendarStore, 'invalidate'>;
}

/**
 * The one place that knows what follows a changed profile. In the profile's own transaction: its
 * address item when the address changes, the digest zones, and the reminder slot when the zone or the
 * reminder hour changes. After it: the calendar feed is rendered afresh (a cache drop, idempotent, not
 * part of anyone's state). Throws UserChangedError when `previous` is no longer what is stored.
 */
export async function saveProfile(
  deps: SaveProfileDependencies,
  next: UserProfile,
  previous: UserProfile,
): Promise<UserProfile> {
  const scheduleChanged = next.timeZone !== previous.timeZone || next.reminderHour !== previous.reminderHour;
  // With a slot it moves; without one (no contacts), the save holds only while there is still none, so
  // a contact added meanwhile in the old zone cancels it and the next round moves that new slot.
  const withSlot = () => deps.reminderSlotMove(next.id, next.timeZone, next.reminderHour);
  const withoutSlot = () => deps.reminderSlotAbsent(next.id);
  const rounds = scheduleChanged ? [withSlot, withoutSlot, withSlot, withoutSlot] : [() => []];
  for (const [index, slotParts] of rounds.entries()) {
    try {
      await deps.users.save(next, previous, slotParts());
      break;
    } catch (error) {
      const slotRaced = error instanceof TransactionCancelledError && error.failedOn('reminder-slot');
      if (!slotRaced || index === rounds.length - 1) throw error;
    }
  }
  await deps.calendars.invalidate(next.id);
  return next;
}
