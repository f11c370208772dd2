import { parseArgs } from 'node:util';
import type { LocalSettings } from '#shared/config/local-settings.ts';
import { createProfileDependencies } from '#shared/store/profile-dependencies.ts';
import { UserNotFoundError } from '#shared/store/user-repository.ts';
import { changeEmail } from '#shared/users/change-email.ts';
import { receivesDigests } from '#shared/users/digest-eligibility.ts';
import type { ProfileChanges } from '#shared/users/profile-input.ts';
import { registerUser } from '#shared/users/register-user.ts';
import { removeUser } from '#shared/users/remove-user.ts';
import { updateProfile } from '#shared/users/update-profile.ts';
import type { PlacePreference, UserProfile } from '#shared/users/user-profile.ts';
import { openStoreSession } from '../local/store-session.ts';
import { UsageError } from './usage-error.ts';

export const usersUsage = `trellis users add <email> [profile options] [--confirmed]
trellis users update <email> [profile options] [--confirmed] [--pause | --resume] [--resubscribe]
                     [--email NEW]  (the new address starts unconfirmed)
trellis users list [--json]
trellis users remove <email>
  profile options: --name N  --tz ZONE  --day monday..sunday  --hour 0-23  --reminder-hour 0-23
                   --topics a,b  --keywords "a,b"
                   --city "Berlin[/Germany]" (repeatable)  --near "lat,lon,km[,label]" (repeatable)
                   --online yes|no  --kinds industry-event,professional-org,mentorship-program,peer-group
                   --follow-org NAME (repeatable)  --follow-source ID  --mute-word W  --mute-source ID
                   --quiet-week-notes yes|no`;

const profileOptions = {
  name: { type: 'string' },
  tz: { type: 'string' },
  day: { type: 'string' },
  hour: { type: 'string' },
  'reminder-hour': { type: 'string' },
  topics: { type: 'string' },
  keywords: { type: 'string' },
  city: { type: 'string', multiple: true },
  near: { type: 'string', multiple: true },
  online: { type: 'string' },
  kinds: { type: 'string' },
  'follow-org': { type: 'string', multiple: true },
  'follow-source': { type: 'string', multiple: true },
  'mute-word': { type: 'string', multiple: true },
  'mute-source': { type: 'string', multiple: true },
  'quiet-week-notes': { type: 'string' },
  confirmed: { type: 'boolean' },
  pause: { type: 'boolean' },
  resume: { type: 'boolean' },
  resubscribe: { type: 'boolean' },
  email: { type: 'string' },
  json: { type: 'boolean' },
} as const;

type Values = ReturnType<
  typeof parseArgs<{ options: typeof profileOptions; allowPositionals: true }>
>['values'];

const list = (value: string | undefined) =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);

function yesNo(flag: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (['yes', 'true', '1'].includes(value)) return true;
  if (['no', 'false', '0'].includes(value)) return false;
  throw new UsageError(`--${flag} takes yes or no, got '${value}'`);
}

function places(values: Values): PlacePreference[] | undefined {
  const cities = (values.city ?? []).map((text): PlacePreference => {
    const [city = '', country] = text.split('/').map((part) => part.trim());
    return { kind: 'city', city, country: country ?? null };
  });
  const points = (values.near ?? []).map((text): PlacePreference => {
    const [latitude, longitude, radiusKm, ...label] = text.split(',').map((part) => part.trim());
    const numbers = [latitude, longitude, radiusKm].map(Number);
    if (numbers.some((number) => !Number.isFinite(number)))
      throw new UsageError(`--near takes "lat,lon,km[,label]", got '${text}'`);
    const [lat = 0, lon = 0, km = 0] = numbers;
    return {
      kind: 'point',
      latitude: lat,
      longitude: lon,
      radiusKm: km,
      label: label.join(',') || `${lat},${lon}`,
    };
  });
  return values.city || values.near ? [...cities, ...points] : undefined;
}

function changesFrom(values: Values): ProfileChanges {
  const changes: Record<string, unknown> = {
    name: values.name,
    timeZone: values.tz,
    digestDay: values.day,
    digestHour: values.hour === undefined ? undefined : Number(values.hour),
    reminderHour: values['reminder-hour'] === undefined ? undefined : Number(values['reminder-hour']),
    topics: list(values.topics),
    keywords: list(values.keywords),
    places: places(values),
    onlineOk: yesNo('online', values.online),
    kinds: list(values.kinds),
    followedOrganizations: values['follow-org'],
    followedSources: values['follow-source'],
    mutedWords: values['mute-word'],
    mutedSources: values['mute-source'],
    quietWeekNotes: yesNo('quiet-week-notes', values['quiet-week-notes']),
    paused: values.pause ? true : values.resume ? false : undefined,
  };
  return Object.fromEntries(
    Object.entries(changes).filter(([, value]) => value !== undefined),
  ) as ProfileChanges;
}

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

export async function runUsers(args: string[], settings: LocalSettings): Promise<void> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: profileOptions });
  const session = await openStoreSession(settings);
  try {
    const profiles = createProfileDependencies(session.client, session.tableName);
    const users = profiles.users;
    const now = new Date();
    const [email, ...extra] = positionals;
    if (action === 'list') {
      const all = await users.list();
      process.stdout.write(
        values.json
          ? `${JSON.stringify(all, null, 2)}\n`
          : all.length === 0
            ? 'no users yet\n'
            : `${all.map(describe).join('\n')}\n`,
      );
      return;
    }
    if (!email || extra.length > 0)
      throw new UsageError(`users ${action ?? ''} takes exactly one email address`);
    if (action === 'add') {
      const profile = await registerUser(
        profiles,
        { email, emailConfirmed: values.confirmed ?? false, ...changesFrom(values) },
        now,
      );
      process.stdout.write(`added ${describe(profile)}\n`);
      if (!profile.emailConfirmed)
        process.stdout.write(
          '  (unconfirmed: nothing is mailed until it is confirmed; --confirmed to confirm)\n',
        );
      return;
    }
    if (action === 'remove') {
      await removeUser(profiles, email);
      process.stdout.write(`removed ${email.trim().toLowerCase()}\n`);
      return;
    }
    const existing = await users.getByEmail(email);
    if (!existing) throw new UserNotFoundError(`no user ${email}`);
    if (action === 'update') {
      const updated = await updateProfile(profiles, existing, changesFrom(values), now, {
        resubscribe: values.resubscribe,
        confirm: values.confirmed,
      });
      const final = values.email ? await changeEmail(profiles, updated, values.email, now) : updated;
      process.stdout.write(`updated ${describe(final)}\n`);
      return;
    }
    throw new UsageError(`unknown users action '${action ?? ''}'`);
  } finally {
    await session.close();
  }
}
