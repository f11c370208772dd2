import type { CalendarStore } from '../store/calendar-store.ts';
import type { TransactionPart } from '../store/transact-write.ts';
import { UserNotFoundError, type UserRepository } from '../store/user-repository.ts';

export interface RemoveUserDependencies {
  readonly users: Pick<UserRepository, 'getByEmail' | 'remove'>;
  /** Deletes the user's reminder slot, whether or not there is one. */
  readonly reminderSlotRemoval: (userId: string) => TransactionPart[];
  readonly calendars: Pick<CalendarStore, 'remove'>;
}

/**
 * An account is closed: the profile, its address and its reminder slot go in one transaction, so no
 * reminder is dispatched for a user who is gone; then the secret feed URL dies with it. Ledger items stay
 * until their TTL: they are the record of what was sent.
 */
export async function removeUser(deps: RemoveUserDependencies, email: string): Promise<string> {
  const profile = await deps.users.getByEmail(email);
  if (!profile) throw new UserNotFoundError(`no user ${email}`);
  await deps.users.remove(profile, deps.reminderSlotRemoval(profile.id));
  await deps.calendars.remove(profile.id);
  return profile.id;
}
