import type { SaveProfileDependencies } from '../users/save-profile.ts';
import { updateProfile } from '../users/update-profile.ts';
import type { UserProfile } from '../users/user-profile.ts';

/*
 * "Follow this topic" and "Unfollow" from a topic's page: the profile's topics, changed through the
 * profile's own use case, so its rules (the schema, at most 40, what follows a saved profile) stay in
 * one place (a topic outside the vocabulary is the schema's ZodError). Following twice, or unfollowing
 * a topic one does not follow, changes nothing.
 */

export interface FollowTopicOutcome {
  readonly profile: UserProfile;
  readonly changed: boolean;
}

export async function followTopic(
  deps: SaveProfileDependencies,
  profile: UserProfile,
  topic: string,
  now: Date,
): Promise<FollowTopicOutcome> {
  if (profile.topics.includes(topic)) return { profile, changed: false };
  const updated = await updateProfile(deps, profile, { topics: [...profile.topics, topic] }, now);
  return { profile: updated, changed: true };
}

export async function unfollowTopic(
  deps: SaveProfileDependencies,
  profile: UserProfile,
  topic: string,
  now: Date,
): Promise<FollowTopicOutcome> {
  if (!profile.topics.includes(topic)) return { profile, changed: false };
  const updated = await updateProfile(
    deps,
    profile,
    { topics: profile.topics.filter((one) => one !== topic) },
    now,
  );
  return { profile: updated, changed: true };
}
