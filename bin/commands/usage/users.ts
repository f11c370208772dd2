import type { ProfileChanges } from '#shared/users/profile-input.ts';
import type { PlacePreference } from '#shared/users/user-profile.ts';
import { UsageError } from '../usage-error.ts';
import type { Command } from './command.ts';
import { commaList } from './lists.ts';
import { parseOptions } from './parse-options.ts';

export type UsersInput =
  | { action: 'list'; json: boolean }
  | {
      action: 'add' | 'update' | 'remove';
      email: string;
      changes: ProfileChanges;
      confirmed: boolean | undefined;
      resubscribe: boolean | undefined;
      newEmail: string | undefined;
    };

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

type Values = ReturnType<typeof parseOptions<typeof profileOptions, true>>['values'];

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
  if (values.pause && values.resume) throw new UsageError('--pause and --resume exclude each other');
  const changes: Record<string, unknown> = {
    name: values.name,
    timeZone: values.tz,
    digestDay: values.day,
    digestHour: values.hour === undefined ? undefined : Number(values.hour),
    reminderHour: values['reminder-hour'] === undefined ? undefined : Number(values['reminder-hour']),
    topics: commaList(values.topics),
    keywords: commaList(values.keywords),
    places: places(values),
    onlineOk: yesNo('online', values.online),
    kinds: commaList(values.kinds),
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

export const users: Command<UsersInput> = {
  synopsis: `trellis users add <email> [profile options] [--confirmed]
trellis users update <email> [profile options] [--confirmed] [--pause | --resume] [--resubscribe]
                     [--email NEW]  (the new address starts unconfirmed)
trellis users list [--json]
trellis users remove <email>
  profile options: --name N  --tz ZONE  --day monday..sunday  --hour 0-23  --reminder-hour 0-23
                   --topics a,b  --keywords "a,b"
                   --city "Berlin[/Germany]" (repeatable)  --near "lat,lon,km[,label]" (repeatable)
                   --online yes|no  --kinds industry-event,professional-org,mentorship-program,peer-group
                   --follow-org NAME (repeatable)  --follow-source ID  --mute-word W  --mute-source ID
                   --quiet-week-notes yes|no`,
  details: `A new reader is unconfirmed unless --confirmed: nothing is ever mailed to an unconfirmed address.
--hour is the digest's hour on --day, --reminder-hour the reconnect reminders' (default 9), both in --tz.
update changes only the given fields.`,
  flags: {
    // changeEmail validates the bare new address, so its issues have an empty path.
    '': '--email',
    email: '<email>',
    name: '--name',
    timeZone: '--tz',
    digestDay: '--day',
    digestHour: '--hour',
    reminderHour: '--reminder-hour',
    topics: '--topics',
    keywords: '--keywords',
    places: '--city/--near',
    'places.city': '--city',
    'places.country': '--city',
    'places.label': '--near',
    'places.latitude': '--near',
    'places.longitude': '--near',
    'places.radiusKm': '--near',
    onlineOk: '--online',
    kinds: '--kinds',
    followedOrganizations: '--follow-org',
    followedSources: '--follow-source',
    mutedWords: '--mute-word',
    mutedSources: '--mute-source',
    quietWeekNotes: '--quiet-week-notes',
    paused: '--pause',
  },
  parse([action, ...args]) {
    if (action !== 'add' && action !== 'update' && action !== 'list' && action !== 'remove')
      throw new UsageError(
        action ? `unknown users action '${action}'` : 'users needs an action: add, update, list or remove',
      );
    const { values, positionals } = parseOptions(args, profileOptions, true);
    if (action === 'list') return { action, json: values.json ?? false };
    const [email, ...extra] = positionals;
    if (!email || extra.length > 0) throw new UsageError(`users ${action} takes exactly one email address`);
    return {
      action,
      email,
      changes: changesFrom(values),
      confirmed: values.confirmed,
      resubscribe: values.resubscribe,
      newEmail: values.email,
    };
  },
  load: () => import('../users.ts'),
};
