import { EventNotFoundError } from '../calendar/save-event.ts';
import type { EventStore } from '../store/event-store.ts';
import { UserChangedError, type UserRepository } from '../store/user-repository.ts';
import { notInterestedMarkFor, withNotInterested } from '../users/not-interested.ts';
import { type SaveProfileDependencies, saveProfile } from '../users/save-profile.ts';

/*
 * "Not interested" from an event's page (the signed-in reader's own action, where the digest's signed
 * link does the same for a mail): the same mark on the profile (shared/users/not-interested.ts), so the
 * event never shows again and similar ones rank lower. Read fresh and retried when another tab saved
 * the profile in between; EventNotFoundError for an unknown event.
 */

export interface MarkNotInterestedDependencies {
  readonly users: Pick<UserRepository, 'get'>;
  readonly profiles: SaveProfileDependencies;
  readonly events: Pick<EventStore, 'get'>;
}

const attempts = 3;

export async function markNotInterested(
  deps: MarkNotInterestedDependencies,
  userId: string,
  eventId: string,
  now: Date,
): Promise<{ readonly eventTitle: string }> {
  const event = await deps.events.get(eventId);
  if (!event) throw new EventNotFoundError(`no event ${eventId}`);
  for (let attempt = 1; ; attempt += 1) {
    const profile = await deps.users.get(userId);
    if (!profile) throw new EventNotFoundError(`no user ${userId}`);
    try {
      await saveProfile(
        deps.profiles,
        withNotInterested(profile, notInterestedMarkFor(event, now), now),
        profile,
      );
      return { eventTitle: event.title };
    } catch (error) {
      if (!(error instanceof UserChangedError) || attempt >= attempts) throw error;
    }
  }
}
