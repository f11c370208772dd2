import { organizationKeyOf } from '../matching/place-keys.ts';
import type { SaveProfileDependencies } from '../users/save-profile.ts';
import { updateProfile } from '../users/update-profile.ts';
import type { UserProfile } from '../users/user-profile.ts';
import * as z from '../validation/zod.ts';
import { organizationNameSchema } from './membership.ts';
import { NotFollowingError } from './organization-errors.ts';

/*
 * "Follow" and "Unfollow" an organization: a change of the profile's followed organizations (whose
 * events the matcher ranks higher), made through the profile's own use case, so the profile's rules
 * (the schema, at most 50, what follows a saved profile) stay in one place. Names compare as the
 * matcher compares them: "CNCF Berlin" and "cncf-berlin" are one organization.
 */

export interface FollowOutcome {
  readonly profile: UserProfile;
  /** False when nothing had to change (followed already). */
  readonly changed: boolean;
}

const nameOf = (organization: string) =>
  z.object({ organization: organizationNameSchema }).parse({ organization }).organization;

export const isFollowing = (profile: Pick<UserProfile, 'followedOrganizations'>, organization: string) =>
  profile.followedOrganizations.some((name) => organizationKeyOf(name) === organizationKeyOf(organization));

export async function followOrganization(
  deps: SaveProfileDependencies,
  profile: UserProfile,
  organization: string,
  now: Date,
): Promise<FollowOutcome> {
  const name = nameOf(organization);
  if (isFollowing(profile, name)) return { profile, changed: false };
  const updated = await updateProfile(
    deps,
    profile,
    { followedOrganizations: [...profile.followedOrganizations, name] },
    now,
  );
  return { profile: updated, changed: true };
}

/** NotFollowingError when the reader does not follow it. */
export async function unfollowOrganization(
  deps: SaveProfileDependencies,
  profile: UserProfile,
  organization: string,
  now: Date,
): Promise<FollowOutcome> {
  const key = organizationKeyOf(nameOf(organization));
  const kept = profile.followedOrganizations.filter((name) => organizationKeyOf(name) !== key);
  if (kept.length === profile.followedOrganizations.length)
    throw new NotFollowingError(`not following ${organization.trim()}`);
  const updated = await updateProfile(deps, profile, { followedOrganizations: kept }, now);
  return { profile: updated, changed: true };
}
