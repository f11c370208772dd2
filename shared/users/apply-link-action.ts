import type { LinkPayload } from '../security/signed-links.ts';
import type { EventStore } from '../store/event-store.ts';
import { UserChangedError, type UserRepository } from '../store/user-repository.ts';
import { notInterestedMarkFor, withNotInterested } from './not-interested.ts';

export type LinkActionResult =
  | { readonly outcome: 'unsubscribed'; readonly email: string }
  | { readonly outcome: 'not-interested'; readonly eventTitle: string }
  | { readonly outcome: 'gone' };

const attempts = 3;

/** Carry out a verified one-click link (the POST after its confirmation page). Idempotent. */
export async function applyLinkAction(
  deps: { readonly users: UserRepository; readonly events: EventStore },
  link: LinkPayload,
  now: Date,
): Promise<LinkActionResult> {
  for (let attempt = 1; ; attempt += 1) {
    const profile = await deps.users.get(link.userId);
    if (!profile) return { outcome: 'gone' };
    try {
      if (link.action === 'unsubscribe') {
        if (!profile.unsubscribed) {
          await deps.users.save({ ...profile, unsubscribed: true, updatedAt: now.toISOString() }, profile);
        }
        return { outcome: 'unsubscribed', email: profile.email };
      }
      const event = link.eventId ? await deps.events.get(link.eventId) : null;
      if (!event) return { outcome: 'gone' };
      await deps.users.save(withNotInterested(profile, notInterestedMarkFor(event, now), now), profile);
      return { outcome: 'not-interested', eventTitle: event.title };
    } catch (error) {
      if (!(error instanceof UserChangedError) || attempt >= attempts) throw error;
    }
  }
}
