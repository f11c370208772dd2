import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { sourceKinds } from '../sources/source.ts';
import { ianaZoneName } from '../time/iana-zone-name.ts';
import { isTopicId, TOPICS } from '../topics/topic-vocabulary.ts';
import { defaultReminderHour, defaultWakingHours, type UserProfile, weekdays } from './user-profile.ts';

const word = z.string().trim().toLowerCase().min(1).max(60);
const name = z.string().trim().min(1).max(120);

const timeZone = z
  .string()
  .trim()
  .refine((zone) => ianaZoneName(zone) !== null, 'must be an IANA time zone such as Europe/Berlin')
  .transform((zone) => ianaZoneName(zone) ?? zone);

const place = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('city'),
    city: name,
    country: name.nullish().transform((value) => value ?? null),
  }),
  z.object({
    kind: z.literal('point'),
    label: name,
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    radiusKm: z.number().positive().max(500),
  }),
]);

const wakingHours = z
  .object({ from: z.number().int().min(0).max(23), to: z.number().int().min(1).max(24) })
  .refine((hours) => hours.from % 24 !== hours.to % 24, 'must start and end at different hours');

/** What a person may set on their profile (CLI now, pages and API later), validated field by field. */
export const profileFieldsSchema = z.object({
  name: name.nullable(),
  timeZone,
  digestDay: z.enum(weekdays),
  digestHour: z.number().int().min(0).max(23),
  reminderHour: z.number().int().min(0).max(23),
  topics: z
    .array(z.string().refine(isTopicId, `must be one of: ${TOPICS.map((topic) => topic.id).join(', ')}`))
    .max(40),
  keywords: z.array(word).max(30),
  places: z.array(place).max(10),
  onlineOk: z.boolean(),
  everythingNearMe: z.boolean(),
  wakingHours,
  callsInCalendar: z.boolean(),
  kinds: z.array(z.enum(sourceKinds)).min(1, 'choose at least one kind of event').max(sourceKinds.length),
  followedOrganizations: z.array(name).max(50),
  followedSources: z.array(z.string().regex(/^src_[0-9a-f]{12}$/, 'must be a source id')).max(50),
  mutedWords: z.array(word).max(50),
  mutedSources: z.array(z.string().regex(/^src_[0-9a-f]{12}$/, 'must be a source id')).max(50),
  paused: z.boolean(),
  quietWeekNotes: z.boolean(),
});

export type ProfileFields = z.infer<typeof profileFieldsSchema>;

export const newProfileSchema = profileFieldsSchema.partial().extend({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  emailConfirmed: z.boolean().optional(),
});

export type NewProfileInput = z.input<typeof newProfileSchema>;
export type ProfileChanges = z.input<ReturnType<typeof profileFieldsSchema.partial>>;

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
  const parsed = profileFieldsSchema.partial().parse(changes);
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
