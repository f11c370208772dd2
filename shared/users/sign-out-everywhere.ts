import { type SaveProfileDependencies, saveProfile } from './save-profile.ts';
import type { UserProfile } from './user-profile.ts';

/** A lost phone or a shared computer: every session issued before now stops working (a stamp on the profile). */
export function signOutEverywhere(
  deps: SaveProfileDependencies,
  profile: UserProfile,
  now: Date,
): Promise<UserProfile> {
  return saveProfile(
    deps,
    { ...profile, sessionsRevokedAt: now.toISOString(), updatedAt: now.toISOString() },
    profile,
  );
}
