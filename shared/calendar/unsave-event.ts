import type { CalendarStore } from '../store/calendar-store.ts';
import type { SavedEventStore } from '../store/saved-event-store.ts';
import { type InviteDependencies, type InviteOutcome, reconcileInvite } from './reconcile-invite.ts';

export interface UnsaveEventDependencies extends InviteDependencies {
  readonly savedEvents: InviteDependencies['savedEvents'] & Pick<SavedEventStore, 'unsave'>;
  readonly calendars: Pick<CalendarStore, 'invalidate'>;
}

/** The user never saved this event (or it is someone else's id): nothing to remove. */
export class EventNotSavedError extends Error {
  override readonly name = 'EventNotSavedError';
}

/**
 * "Remove from my calendar": the saved event is marked removed (it leaves the user's feed at once) and,
 * if an invitation went out, its METHOD:CANCEL is mailed now. Removing twice is harmless: the second
 * time finds the cancellation sent, or sends it if the first time failed before it went out.
 */
export async function unsaveEventForUser(
  deps: UnsaveEventDependencies,
  userId: string,
  eventId: string,
  now: Date,
): Promise<{ readonly invite: InviteOutcome }> {
  const removal = await deps.savedEvents.unsave(userId, eventId, now);
  if (!removal) throw new EventNotSavedError(`event ${eventId} is not saved`);
  if (removal.outcome === 'removed') await deps.calendars.invalidate(userId);
  return { invite: await reconcileInvite(deps, userId, eventId, now, { saved: removal.saved }) };
}
