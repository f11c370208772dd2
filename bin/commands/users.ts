import type { LocalSettings } from '#shared/config/local-settings.ts';
import { ReminderScheduleChangedError } from '#shared/contacts/contact-errors.ts';
import { createProfileDependencies } from '#shared/store/profile-dependencies.ts';
import { UserExistsError, UserNotFoundError } from '#shared/store/user-repository.ts';
import { changeEmail } from '#shared/users/change-email.ts';
import { receivesDigests } from '#shared/users/digest-eligibility.ts';
import { registerUser } from '#shared/users/register-user.ts';
import { removeUser } from '#shared/users/remove-user.ts';
import { updateProfile } from '#shared/users/update-profile.ts';
import type { UserProfile } from '#shared/users/user-profile.ts';
import { openStoreSession } from '../local/store-session.ts';
import { storeErrors } from './store-errors.ts';
import type { CommandModule } from './usage/command.ts';
import type { UsersInput } from './usage/users.ts';

export const expectedErrors: CommandModule<UsersInput>['expectedErrors'] = [
  ...storeErrors,
  UserExistsError,
  UserNotFoundError,
  ReminderScheduleChangedError,
];

function describe(profile: UserProfile): string {
  const state = !profile.emailConfirmed
    ? 'unconfirmed'
    : profile.unsubscribed
      ? 'unsubscribed'
      : profile.paused
        ? 'paused'
        : 'subscribed';
  const where = profile.places.map((place) =>
    place.kind === 'city' ? place.city : `${place.label} +${place.radiusKm} km`,
  );
  return `${profile.email} (${profile.id}) ${state}${receivesDigests(profile) ? '' : ' — no digests'}
  ${profile.digestDay} ${String(profile.digestHour).padStart(2, '0')}:00 ${profile.timeZone}; topics: ${profile.topics.join(', ') || '-'}; keywords: ${profile.keywords.join(', ') || '-'}
  places: ${where.join('; ') || '-'}; online: ${profile.onlineOk ? 'yes' : 'no'}; follows: ${[...profile.followedOrganizations, ...profile.followedSources].join(', ') || '-'}`;
}

/** `trellis users add|update|list|remove`. */
export async function run(input: UsersInput, settings: LocalSettings): Promise<number> {
  const session = await openStoreSession(settings);
  try {
    const profiles = createProfileDependencies(session.client, session.tableName);
    const now = new Date();
    if (input.action === 'list') {
      const all = await profiles.users.list();
      process.stdout.write(
        input.json
          ? `${JSON.stringify(all, null, 2)}\n`
          : all.length === 0
            ? 'no users yet\n'
            : `${all.map(describe).join('\n')}\n`,
      );
      return 0;
    }
    const { email } = input;
    if (input.action === 'add') {
      const profile = await registerUser(
        profiles,
        { email, emailConfirmed: input.confirmed ?? false, ...input.changes },
        now,
      );
      process.stdout.write(`added ${describe(profile)}\n`);
      if (!profile.emailConfirmed)
        process.stdout.write(
          '  (unconfirmed: nothing is mailed until it is confirmed; --confirmed to confirm)\n',
        );
      return 0;
    }
    if (input.action === 'remove') {
      await removeUser(profiles, email);
      process.stdout.write(`removed ${email.trim().toLowerCase()}\n`);
      return 0;
    }
    const existing = await profiles.users.getByEmail(email);
    if (!existing) throw new UserNotFoundError(`no user ${email}`);
    const updated = await updateProfile(profiles, existing, input.changes, now, {
      resubscribe: input.resubscribe,
      confirm: input.confirmed,
    });
    const final = input.newEmail ? await changeEmail(profiles, updated, input.newEmail, now) : updated;
    process.stdout.write(`updated ${describe(final)}\n`);
    return 0;
  } finally {
    await session.close();
  }
}
