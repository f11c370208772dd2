import type { StoredEvent } from '../events/stored-event.ts';
import type { NotInterestedMark, UserProfile } from './user-profile.ts';

/** Marks kept per user are bounded so a profile item stays small. */
export const maxNotInterestedMarks = 200;

export function notInterestedMarkFor(event: StoredEvent, now: Date): NotInterestedMark {
  return {
    eventId: event.id,
    sourceId: event.primarySourceId,
    organization: event.organization,
    tags: event.tags,
    at: now.toISOString(),
  };
}

/** Add a "not interested" mark, newest first, bounded; the same event twice keeps one mark. */
export function withNotInterested(profile: UserProfile, mark: NotInterestedMark, now: Date): UserProfile {
  const others = profile.notInterested.filter((existing) => existing.eventId !== mark.eventId);
  return {
    ...profile,
    notInterested: [mark, ...others].slice(0, maxNotInterestedMarks),
    updatedAt: now.toISOString(),
  };
}
