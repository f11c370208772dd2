import type { UserProfile } from './user-profile.ts';

/** Only a confirmed, active, subscribed address gets digests (and sits in the dispatch index). */
export function receivesDigests(profile: UserProfile): boolean {
  return profile.emailConfirmed && !profile.paused && !profile.unsubscribed;
}
