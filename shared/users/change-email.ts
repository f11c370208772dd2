import { emailAddressSchema } from '../validation/email-address.ts';
import { type SaveProfileDependencies, saveProfile } from './save-profile.ts';
import type { UserProfile } from './user-profile.ts';

/**
 * A user's address changes: the old address is freed and the new one claimed in the profile's own
 * transaction (EmailTakenError when it belongs to another account, however many try at once). The new
 * address starts unconfirmed: nothing is mailed to it until its owner signs in with it.
 */
export function changeEmail(
  deps: SaveProfileDependencies,
  previous: UserProfile,
  email: string,
  now: Date,
): Promise<UserProfile> {
  const address = emailAddressSchema.parse(email);
  if (address === previous.email) return Promise.resolve(previous);
  return saveProfile(
    deps,
    { ...previous, email: address, emailConfirmed: false, updatedAt: now.toISOString() },
    previous,
  );
}
