import { randomBytes } from 'node:crypto';
import { sourceKinds } from '../sources/source.ts';
import { ianaZoneName } from '../time/iana-zone-name.ts';
import { isTopicId, TOPICS } from '../topics/topic-vocabulary.ts';
import * as z from '../validation/zod.ts';
import { lazySchema } from '../validation/zod.ts';
import { defaultReminderHour, defaultWakingHours, type UserProfile, weekdays } from './user-profile.ts';

const word = lazySchema(() => z.string().check(z.trim(), z.toLowerCase(), z.minLength(1), z.maxLength(60)));
const name = lazySchema(() => z.string().check(z.trim(), z.minLength(1), z.maxLength(120)));

const timeZone = lazySchema(() =>
  z.pipe(
    z.string().check(
      z.trim(),
      z.refine((zone) => ianaZoneName(zone) !== null, 'must be an IANA time zone such as Europe/Berlin'),
    ),
    z.transform((zone) => ianaZoneName(zone) ?? zone),
  ),
);
const sourceId = lazySchema(() => z.string().check(z.regex(/^src_[0-9a-f]{12}$/, 'must be a source id')));
const hourOfDay = lazySchema(() => z.int().check(z.minimum(0), z.maximum(23)));

const place = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('city'),
      city: name,
      country: z.pipe(
        z.nullish(name),
        z.transform((value) => value ?? null),
      ),
    }),
    z.object({
      kind: z.literal('point'),
      label: name,
      latitude: z.number().check(z.minimum(-90), z.maximum(90)),
      longitude: z.number().check(z.minimum(-180), z.maximum(180)),
      radiusKm: z.number().check(z.positive(), z.maximum(500)),
    }),
  ]),
);

const wakingHours = lazySchema(() =>
  z
    .object({ from: hourOfDay, to: z.int().check(z.minimum(1), z.maximum(24)) })
    .check(z.refine((hours) => hours.from % 24 !== hours.to % 24, 'must start and end at different hours')),
);

/** What a person may set on their profile (CLI now, pages and API later), validated field by field. */
export const profileFieldsSchema = lazySchema(() =>
  z.object({
    name: z.nullable(name),
    timeZone,
    digestDay: z.enum(weekdays),
    digestHour: hourOfDay,
    reminderHour: hourOfDay,
    topics: z
      .array(
        z
          .string()
          .check(z.refine(isTopicId, `must be one of: ${TOPICS.map((topic) => topic.id).join(', ')}`)),
      )
      .check(z.maxLength(40)),
    keywords: z.array(word).check(z.maxLength(30)),
    places: z.array(place).check(z.maxLength(10)),
    onlineOk: z.boolean(),
    everythingNearMe: z.boolean(),
    wakingHours,
    callsInCalendar: z.boolean(),
    kinds: z
      .array(z.enum(sourceKinds))
      .check(z.minLength(1, 'choose at least one kind of event'), z.maxLength(sourceKinds.length)),
    followedOrganizations: z.array(name).check(z.maxLength(50)),
    followedSources: z.array(sourceId).check(z.maxLength(50)),
    mutedWords: z.array(word).check(z.maxLength(50)),
    mutedSources: z.array(sourceId).check(z.maxLength(50)),
    paused: z.boolean(),
    quietWeekNotes: z.boolean(),
  }),
);

export type ProfileFields = z.infer<typeof profileFieldsSchema>;

const profileChangesSchema = lazySchema(() => z.partial(profileFieldsSchema));

export const newProfileSchema = lazySchema(() =>
  z.extend(profileChangesSchema, {
    email: z.pipe(z.string().check(z.trim(), z.toLowerCase()), z.email()),
    emailConfirmed: z.optional(z.boolean()),
  }),
);

export type NewProfileInput = z.input<typeof newProfileSchema>;
export type ProfileChanges = z.input<typeof profileChangesSchema>;

const defaults: ProfileFields = {
  name: null,
  timeZone: 'UTC',
  digestDay: 'monday',
  digestHour: 8,
  reminderHour: defaultReminderHour,
  topics: [],
  keywords: [],
  places: [],
  onlineOk: true,
  everythingNearMe: false,
  wakingHours: defaultWakingHours,
  callsInCalendar: false,
  kinds: [...sourceKinds],
  followedOrganizations: [],
  followedSources: [],
  mutedWords: [],
  mutedSources: [],
  paused: false,
  quietWeekNotes: false,
};

const unique = <T>(values: readonly T[]) => [...new Set(values)];

function tidy(fields: ProfileFields): ProfileFields {
  return {
    ...fields,
    topics: unique(fields.topics),
    keywords: unique(fields.keywords),
    kinds: unique(fields.kinds),
    followedOrganizations: unique(fields.followedOrganizations),
    followedSources: unique(fields.followedSources),
    mutedWords: unique(fields.mutedWords),
    mutedSources: unique(fields.mutedSources),
  };
}

export const newUserId = () => `usr_${randomBytes(8).toString('hex')}`;

/** A new profile from validated input (throws zod's error with per-field messages). */
export function buildUserProfile(input: NewProfileInput, now: Date): UserProfile {
  const { email, emailConfirmed, ...fields } = newProfileSchema.parse(input);
  const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  return {
    id: newUserId(),
    email,
    emailConfirmed: emailConfirmed ?? false,
    ...tidy({ ...defaults, ...defined }),
    unsubscribed: false,
    notInterested: [],
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

/** The profile with some fields changed (validated); untouched fields stay. */
export function updateUserProfile(profile: UserProfile, changes: ProfileChanges, now: Date): UserProfile {
  const parsed = profileChangesSchema.parse(changes);
  const defined = Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined));
  const current: ProfileFields = {
    name: profile.name,
    timeZone: profile.timeZone,
    digestDay: profile.digestDay,
    digestHour: profile.digestHour,
    reminderHour: profile.reminderHour,
    topics: profile.topics.filter(isTopicId),
    keywords: [...profile.keywords],
    places: [...profile.places],
    onlineOk: profile.onlineOk,
    everythingNearMe: profile.everythingNearMe ?? false,
    wakingHours: profile.wakingHours ?? defaultWakingHours,
    callsInCalendar: profile.callsInCalendar ?? false,
    kinds: [...profile.kinds],
    followedOrganizations: [...profile.followedOrganizations],
    followedSources: [...profile.followedSources],
    mutedWords: [...profile.mutedWords],
    mutedSources: [...profile.mutedSources],
    paused: profile.paused,
    quietWeekNotes: profile.quietWeekNotes,
  };
  return { ...profile, ...tidy({ ...current, ...defined }), updatedAt: now.toISOString() };
}
