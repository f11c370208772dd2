import type { CalendarStore } from '../store/calendar-store.ts';
import type { SavedEventStore } from '../store/saved-event-store.ts';
import type { SaveForLink } from '../users/apply-link-action.ts';
import { type InviteDependencies, type InviteOutcome, reconcileInvite } from './reconcile-invite.ts';

export interface SaveEventDependencies extends InviteDependencies {
  readonly savedEvents: InviteDependencies['savedEvents'] & Pick<SavedEventStore, 'save'>;
  readonly calendars: Pick<CalendarStore, 'invalidate'>;
}

export class EventNotFoundError extends Error {
  override readonly name = 'EventNotFoundError';
}

export interface SaveEventResult {
  readonly eventTitle: string;
  readonly saved: 'saved' | 'already-saved';
  readonly invite: InviteOutcome;
}

/**
 * "Add to my calendar": the event is saved (it joins the user's feed at once) and the invitation is
 * sent now. Saving twice is harmless: the second time finds the invitation already sent.
 */
export async function saveEventForUser(
  deps: SaveEventDependencies,
  userId: string,
  eventId: string,
  now: Date,
): Promise<SaveEventResult> {
  const event = await deps.events.get(eventId);
  if (!event) throw new EventNotFoundError(`no event ${eventId}`);
  const saved = await deps.savedEvents.save(userId, eventId, now);
  await deps.calendars.invalidate(userId);
  const invite = await reconcileInvite(deps, userId, eventId, now);
  return { eventTitle: event.title, saved, invite };
}

/** The "Add to my calendar" link's action: like saveEventForUser, but a vanished event is null. */
export function saveEventForLink(deps: SaveEventDependencies): SaveForLink {
  return async (userId, eventId, now) => {
    try {
      const result = await saveEventForUser(deps, userId, eventId, now);
      const invited = ['sent-invite', 'sent-update', 'up-to-date'].includes(result.invite);
      return { eventTitle: result.eventTitle, invited };
    } catch (error) {
      if (error instanceof EventNotFoundError) return null;
      throw error;
    }
  };
}
