import type { ProfileChanges } from '../users/profile-input.ts';
import { defaultWakingHours, type PlacePreference, type UserProfile } from '../users/user-profile.ts';
import type { ValidationError, ValidationIssue } from '../validation/zod.ts';

/*
 * The profile page's form, both ways: a profile as the field values a form shows, and posted field
 * values as the changes `updateUserProfile` validates. Lists a person types (keywords, muted words)
 * are comma- or line-separated; places and organizations are one per line; an unticked checkbox is
 * simply absent from the post, so the form always stands for the whole profile.
 */

export interface ProfileFormValues {
  readonly name: string;
  readonly timeZone: string;
  readonly digestDay: string;
  readonly digestHour: string;
  readonly reminderHour: string;
  readonly topics: readonly string[];
  readonly keywords: string;
  readonly places: string;
  readonly onlineOk: boolean;
  /** Every event near the reader's places, whatever it is about. */
  readonly everythingNearMe: boolean;
  /** Online events start between these local hours. */
  readonly wakingFrom: string;
  readonly wakingTo: string;
  /** "CFP closes" entries in the calendar feed. */
  readonly callsInCalendar: boolean;
  readonly kinds: readonly string[];
  readonly followedOrganizations: string;
  readonly mutedWords: string;
  /** Off = paused; on again also undoes an unsubscribe. */
  readonly receiveDigest: boolean;
  readonly quietWeekNotes: boolean;
}

/** A place as a line: "Berlin, Germany", "Lisbon", or "Home (52.52, 13.405, 25 km)". */
export function placeLine(place: PlacePreference): string {
  if (place.kind === 'city') return place.country ? `${place.city}, ${place.country}` : place.city;
  return `${place.label} (${place.latitude}, ${place.longitude}, ${place.radiusKm} km)`;
}

const pointLine =
  /^(.+?)\s*\(\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*(?:,\s*(\d+(?:\.\d+)?)\s*(?:km)?\s*)?\)$/i;
const defaultRadiusKm = 25;

function parsePlaceLine(line: string): Record<string, unknown> {
  const point = pointLine.exec(line);
  if (point)
    return {
      kind: 'point',
      label: point[1],
      latitude: Number(point[2]),
      longitude: Number(point[3]),
      radiusKm: point[4] === undefined ? defaultRadiusKm : Number(point[4]),
    };
  const comma = line.lastIndexOf(',');
  return comma === -1
    ? { kind: 'city', city: line, country: null }
    : { kind: 'city', city: line.slice(0, comma), country: line.slice(comma + 1).trim() || null };
}

const lines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

const words = (value: string) =>
  value
    .split(/[,\n]/)
    .map((word) => word.trim())
    .filter((word) => word !== '');

/** A whole number typed in a field, or the text as typed so validation names the field. */
const wholeNumber = (value: string) => (/^\d{1,3}$/.test(value.trim()) ? Number(value.trim()) : value);

export function profileFormValues(profile: UserProfile): ProfileFormValues {
  return {
    name: profile.name ?? '',
    timeZone: profile.timeZone,
    digestDay: profile.digestDay,
    digestHour: String(profile.digestHour),
    reminderHour: String(profile.reminderHour),
    topics: profile.topics,
    keywords: profile.keywords.join(', '),
    places: profile.places.map(placeLine).join('\n'),
    onlineOk: profile.onlineOk,
    everythingNearMe: profile.everythingNearMe ?? false,
    wakingFrom: String((profile.wakingHours ?? defaultWakingHours).from),
    wakingTo: String((profile.wakingHours ?? defaultWakingHours).to),
    callsInCalendar: profile.callsInCalendar ?? false,
    kinds: profile.kinds,
    followedOrganizations: profile.followedOrganizations.join('\n'),
    mutedWords: profile.mutedWords.join(', '),
    receiveDigest: !profile.paused && !profile.unsubscribed,
    quietWeekNotes: profile.quietWeekNotes,
  };
}

export function formValuesOf(form: URLSearchParams): ProfileFormValues {
  const text = (name: string) => (form.get(name) ?? '').slice(0, 4000);
  return {
    name: text('name'),
    timeZone: text('timeZone'),
    digestDay: text('digestDay'),
    digestHour: text('digestHour'),
    reminderHour: text('reminderHour'),
    topics: form.getAll('topics'),
    keywords: text('keywords'),
    places: text('places'),
    onlineOk: form.has('onlineOk'),
    everythingNearMe: form.has('everythingNearMe'),
    wakingFrom: text('wakingFrom'),
    wakingTo: text('wakingTo'),
    callsInCalendar: form.has('callsInCalendar'),
    kinds: form.getAll('kinds'),
    followedOrganizations: text('followedOrganizations'),
    mutedWords: text('mutedWords'),
    receiveDigest: form.has('receiveDigest'),
    quietWeekNotes: form.has('quietWeekNotes'),
  };
}

/** The changes a posted form asks for (validated by `updateUserProfile`), and whether it resubscribes. */
export function profileChangesOf(values: ProfileFormValues): {
  changes: ProfileChanges;
  resubscribe: boolean;
} {
  const changes = {
    name: values.name.trim() === '' ? null : values.name,
    timeZone: values.timeZone,
    digestDay: values.digestDay,
    digestHour: wholeNumber(values.digestHour),
    reminderHour: wholeNumber(values.reminderHour),
    topics: [...values.topics],
    keywords: words(values.keywords),
    places: lines(values.places).map(parsePlaceLine),
    onlineOk: values.onlineOk,
    everythingNearMe: values.everythingNearMe,
    // A page that never had the fields (an older form) keeps the stored hours.
    ...(values.wakingFrom === '' && values.wakingTo === ''
      ? {}
      : { wakingHours: { from: wholeNumber(values.wakingFrom), to: wholeNumber(values.wakingTo) } }),
    callsInCalendar: values.callsInCalendar,
    kinds: [...values.kinds],
    followedOrganizations: lines(values.followedOrganizations),
    mutedWords: words(values.mutedWords),
    paused: !values.receiveDigest,
    quietWeekNotes: values.quietWeekNotes,
  };
  // The form's strings go to the same zod schema the JSON API uses; it names what is wrong.
  return { changes: changes as ProfileChanges, resubscribe: values.receiveDigest };
}

const labels: Record<string, string> = {
  name: 'Name',
  timeZone: 'Time zone',
  digestDay: 'Digest day',
  digestHour: 'Digest hour',
  reminderHour: 'Reminder hour',
  topics: 'Topics',
  keywords: 'Keywords',
  places: 'Places',
  onlineOk: 'Online events',
  everythingNearMe: 'Everything near me',
  wakingHours: 'Hours for online events',
  callsInCalendar: 'Deadlines in the calendar',
  kinds: 'Kinds of events',
  followedOrganizations: 'Organizations you follow',
  mutedWords: 'Muted words',
};

const itemNames: Record<string, string> = {
  places: 'line',
  followedOrganizations: 'line',
  keywords: 'word',
  mutedWords: 'word',
  topics: 'choice',
  kinds: 'choice',
};

export interface FormProblem {
  /** The form field's name (its id on the page). */
  readonly field: string;
  readonly message: string;
}

/** What a place line's parts are called when one is wrong. */
const placePartNames: Record<string, string> = {
  latitude: 'the latitude',
  longitude: 'the longitude',
  radiusKm: 'the radius',
  city: 'the city',
  label: 'the name',
};

/** A zod issue in people's words: never "Too big: expected number to be <=90". */
function plainMessage(issue: ValidationIssue): string {
  const limit = (value: unknown) => (typeof value === 'bigint' ? value.toString() : String(value));
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'string'
        ? `must be at most ${limit(issue.maximum)} characters`
        : issue.origin === 'array' || issue.origin === 'set'
          ? `may have at most ${limit(issue.maximum)}`
          : `must be at most ${limit(issue.maximum)}`;
    case 'too_small':
      return issue.origin === 'string'
        ? Number(issue.minimum) <= 1
          ? 'is required'
          : `must be at least ${limit(issue.minimum)} characters`
        : issue.origin === 'array' || issue.origin === 'set'
          ? issue.message.startsWith('choose')
            ? issue.message
            : `needs at least ${limit(issue.minimum)}`
          : `must be at least ${limit(issue.minimum)}`;
    case 'invalid_type':
      return issue.input === undefined || issue.input === '' ? 'is required' : 'is not valid here';
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`;
    default:
      return issue.message;
  }
}

/** zod's issues as messages a person can act on: "Places, line 2: the latitude must be at most 90". */
export function profileFormProblems(error: ValidationError): FormProblem[] {
  return error.issues.map((issue) => {
    const [field = 'form', index, part] = issue.path.map(String);
    const label = labels[field] ?? field;
    const where = index !== undefined && itemNames[field] ? `, ${itemNames[field]} ${Number(index) + 1}` : '';
    const partName = part !== undefined ? placePartNames[part] : undefined;
    const message =
      issue.code === 'invalid_type' && (field === 'digestHour' || field === 'reminderHour')
        ? 'must be an hour from 0 to 23'
        : plainMessage(issue);
    return { field, message: `${label}${where}: ${partName ? `${partName} ` : ''}${message}` };
  });
}
