import type { TransactionPart } from '../store/transact-write.ts';
import type { UserRepository } from '../store/user-repository.ts';
import { buildUserProfile, type NewProfileInput } from './profile-input.ts';
import type { UserProfile } from './user-profile.ts';

/**
 * A new account (sign-up by link, the CLI, the demo seeding): validated by the one profile schema (a
 * sign-up brings the time zone the person confirmed, guessed from their browser; without one the
 * profile's default applies), then
 * the profile and its address claimed in one transaction with `alsoWrite` (the sign-in link used up, for
 * one). UserExistsError when the address has an account already, however many try at once.
 */
export async function registerUser(
  deps: { readonly users: Pick<UserRepository, 'create'> },
  input: NewProfileInput,
  now: Date,
  alsoWrite: readonly TransactionPart[] = [],
): Promise<UserProfile> {
  const profile = buildUserProfile(input, now);
  await deps.users.create(profile, alsoWrite);
  return profile;
}
