import { type ProfileChanges, updateUserProfile } from './profile-input.ts';
import { type SaveProfileDependencies, saveProfile } from './save-profile.ts';
import type { UserProfile } from './user-profile.ts';

export interface ProfileUpdateOptions {
  /** Digests again after an unsubscribe (the profile page's box, the CLI's --resubscribe). */
  readonly resubscribe?: boolean;
  /** An operator confirms the address (the CLI's --confirmed); people confirm by signing in. */
  readonly confirm?: boolean;
}

/**
 * A person changes their interests or schedule (page, JSON API or CLI alike): validated by the one
 * profile schema (ZodError names the fields), then saved with everything that follows from it.
 */
export function updateProfile(
  deps: SaveProfileDependencies,
  previous: UserProfile,
  changes: ProfileChanges,
  now: Date,
  options: ProfileUpdateOptions = {},
): Promise<UserProfile> {
  const updated = updateUserProfile(previous, changes, now);
  return saveProfile(
    deps,
    {
      ...updated,
      ...(options.resubscribe ? { unsubscribed: false } : {}),
      ...(options.confirm ? { emailConfirmed: true } : {}),
    },
    previous,
  );
}
