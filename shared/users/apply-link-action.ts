import type { SavedEventGlance } from '../calendar/save-event.ts';
import type { LinkPayload } from '../security/signed-links.ts';
import type { EventStore } from '../store/event-store.ts';
import { UserChangedError, type UserRepository } from '../store/user-repository.ts';
import { notInterestedMarkFor, withNotInterested } from './not-interested.ts';
import { type SaveProfileDependencies, saveProfile } from './save-profile.ts';

/** Saves an event for a user and says whether an invitation is on its way; null when the event is gone. */
export type SaveForLink = (
  userId: string,
  eventId: string,
  now: Date,
) => Promise<(SavedEventGlance & { readonly eventTitle: string; readonly invited: boolean }) | null>;

export type LinkActionResult =
  | { readonly outcome: 'unsubscribed'; readonly email: string }
  | { readonly outcome: 'not-interested'; readonly eventTitle: string }
  | ({
      readonly outcome: 'saved';
      readonly eventTitle: string;
      readonly invited: boolean;
      /** The reader's zone, to show when the event is. */
      readonly timeZone: string;
    } & SavedEventGlance)
  | { readonly outcome: 'gone' };

const attempts = 3;

/** Carry out a verified one-click link (the POST after its confirmation page). Idempotent. */
export async function applyLinkAction(
  deps: {
    readonly users: Pick<UserRepository, 'get'>;
    readonly profiles: SaveProfileDependencies;
    readonly events: EventStore;
    /** "Add to my calendar" (shared/calendar/save-event.ts); null where sending invitations is not wired. */
    readonly saveEvent: SaveForLink | null;
  },
  link: LinkPayload,
  now: Date,
): Promise<LinkActionResult> {
  for (let attempt = 1; ; attempt += 1) {
    const profile = await deps.users.get(link.userId);
    if (!profile) return { outcome: 'gone' };
    if (link.action === 'save') return saveFromLink(deps.saveEvent, link, profile.timeZone, now);
    try {
      if (link.action === 'unsubscribe') {
        if (!profile.unsubscribed) {
          const next = { ...profile, unsubscribed: true, updatedAt: now.toISOString() };
          await saveProfile(deps.profiles, next, profile);
        }
        return { outcome: 'unsubscribed', email: profile.email };
      }
      const event = link.eventId ? await deps.events.get(link.eventId) : null;
      if (!event) return { outcome: 'gone' };
      const marked = withNotInterested(profile, notInterestedMarkFor(event, now), now);
      await saveProfile(deps.profiles, marked, profile);
      return { outcome: 'not-interested', eventTitle: event.title };
    } catch (error) {
      if (!(error instanceof UserChangedError) || attempt >= attempts) throw error;
    }
  }
}

async function saveFromLink(
  saveEvent: SaveForLink | null,
  link: LinkPayload,
  timeZone: string,
  now: Date,
): Promise<LinkActionResult> {
  if (!saveEvent || !link.eventId) return { outcome: 'gone' };
  const saved = await saveEvent(link.userId, link.eventId, now);
  return saved ? { outcome: 'saved', ...saved, timeZone } : { outcome: 'gone' };
}
