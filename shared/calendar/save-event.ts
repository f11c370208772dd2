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

/** What a confirmation shows of the saved event: when and where, and its page. */
export interface SavedEventGlance {
  readonly eventId: string;
  readonly start: string;
  readonly end: string | null;
  readonly allDay: boolean;
  readonly location: string | null;
  readonly online: boolean;
}

export interface SaveEventResult extends SavedEventGlance {
  readonly eventTitle: string;
  readonly saved: 'saved' | 'already-saved';
  readonly invite: InviteOutcome;
}

/** The invitation went out, is going out in a parallel request, or went out before. */
const invitedOutcomes: readonly InviteOutcome[] = ['sent-invite', 'sent-update', 'up-to-date', 'busy'];

/**
 * "Add to my calendar": the event is saved (one transaction: it joins the user's feed at once) and the
 * invitation is sent now. Saving twice, even at the same moment, is harmless: one save wins, and the
 * send ledger lets one invitation out.
 */
export async function saveEventForUser(
  deps: SaveEventDependencies,
  userId: string,
  eventId: string,
  now: Date,
): Promise<SaveEventResult> {
  // The event is read alongside the save: the invitation needs it, the save's own condition says it exists.
  const [saving, event] = await Promise.all([
    deps.savedEvents.save(userId, eventId, now),
    deps.events.get(eventId),
  ]);
  if (saving.outcome === 'no-event' || !event) throw new EventNotFoundError(`no event ${eventId}`);
  // Saved again unchanged: the rendered feed has it already (and a render lives CALENDAR_MAX_AGE at most).
  if (saving.outcome === 'saved') await deps.calendars.invalidate(userId);
  const invite = await reconcileInvite(deps, userId, eventId, now, { saved: saving.saved, event });
  return {
    eventTitle: event.title,
    saved: saving.outcome,
    invite,
    eventId: event.id,
    start: event.start,
    end: event.end,
    allDay: event.allDay,
    location: event.location,
    online: event.online,
  };
}

/** The "Add to my calendar" link's action: like saveEventForUser, but a vanished event is null. */
export function saveEventForLink(deps: SaveEventDependencies): SaveForLink {
  return async (userId, eventId, now) => {
    try {
      const result = await saveEventForUser(deps, userId, eventId, now);
      const { saved: _saved, invite, ...glance } = result;
      return { ...glance, invited: invitedOutcomes.includes(invite) };
    } catch (error) {
      if (error instanceof EventNotFoundError) return null;
      throw error;
    }
  };
}
