/**
 * RawEvent (as a format parser read it) → NormalizedEvent (as the rest of Trellis sees it), or a
 * reason to skip the entry. Runs once per occurrence on every ingest of every feed, so the common
 * case (plain-text fields) takes fast paths: no HTML parsing without markup, no regex built per call.
 */
import { personKey, personName } from '../people/person-name.ts';
import { tagEvent } from '../topics/tag-event.ts';
import { entryIdentity, eventId } from './event-id.ts';
import { addDays, startOfDateMs, wallDateAt } from './event-time.ts';
import type { CallForSpeakers, EventPerson, EventPlace, FeedProblem, NormalizedEvent } from './feed-event.ts';
import { type OnlineReading, readOnlineLocation, urlHost } from './online-location.ts';
import { peopleInText } from './people-in-text.ts';
import { mergePlace, parseLocationText, placeLine } from './place.ts';
import type { EventTime, RawEvent } from './raw-event.ts';
import { decodeHtmlEntities, htmlToLine, htmlToText } from './text/html-to-text.ts';
import { collapseWhitespace, tidyMultilineText } from './text/tidy-text.ts';
import { formatUtcInstant } from './utc-instant.ts';

export interface NormalizeContext {
  /** Tags every event of the source carries (slugged on the way in). */
  readonly defaultTags: readonly string[];
  /** 1-based position of the entry, to name it in a problem when it has no id or URL. */
  readonly entryIndex?: number;
  /** Reuses the text work across the occurrences of one series (see TextMemo). */
  readonly textMemo?: TextMemo;
}

interface TextReading {
  readonly title: string;
  readonly description: string;
  readonly categories: readonly string[];
  readonly tags: string[];
  readonly url: string | null;
  readonly location: LocationReading;
  readonly people: readonly EventPerson[];
}

/**
 * The occurrences of a recurring series arrive one after another and share their text, URL and
 * location: that work (HTML to text, tagging, URL checks, reading the place) is done once per
 * series, not once per occurrence. Holds only the last entry's reading, keyed by the same values.
 */
export interface TextMemo {
  last: {
    raw: RawEvent;
    readonly defaultTags: readonly string[];
    readonly reading: TextReading;
  } | null;
}

export const createTextMemo = (): TextMemo => ({ last: null });

function sameText(a: RawEvent, b: RawEvent): boolean {
  return (
    a.title === b.title &&
    a.description === b.description &&
    a.descriptionFormat === b.descriptionFormat &&
    a.categories === b.categories &&
    a.url === b.url &&
    a.locationText === b.locationText &&
    a.place === b.place &&
    a.online === b.online &&
    a.joinUrl === b.joinUrl &&
    a.people === b.people
  );
}

export type NormalizeOutcome =
  | { readonly ok: true; readonly event: NormalizedEvent; readonly problems: readonly FeedProblem[] }
  | { readonly ok: false; readonly problem: FeedProblem };

/** Descriptions beyond this are cut: a digest shows a few lines, and a DynamoDB item holds 400 KB. */
export const MAX_DESCRIPTION_LENGTH = 10_000;

const ABSOLUTE_HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;
/**
 * A URL the WHATWG parser gives back unchanged, checked without parsing it (most feed links): lower-case
 * scheme and host name whose last label starts with a letter (no IPv4 forms), no port, user or
 * punycode, a path of characters no part of the parser escapes or rewrites (no dot segments: see the
 * "/." check beside it), then a query and a fragment of the same kind.
 */
const CANONICAL_HTTP_URL =
  /^https?:\/\/(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*\/[A-Za-z0-9\-._~!$&()*+,;=:@/]*(?:\?[A-Za-z0-9\-._~!$&()*+,;=:@/?]*)?(?:#[A-Za-z0-9\-._~!$&()*+,;=:@/?]*)?$/;
/** Tags that mark text as HTML even when the feed said it was plain text. */
const HTML_MARKUP =
  /<\/?(?:p|br|div|span|a|b|i|u|em|strong|ul|ol|li|h[1-6]|table|tr|td|img|blockquote|pre|hr)\b[^>]*>/i;
const NO_PROBLEMS: readonly FeedProblem[] = [];
const NO_LOCATION = { online: false, joinUrl: null, place: null, line: null } as const;

export function normalizeEvent(raw: RawEvent, context: NormalizeContext): NormalizeOutcome {
  const memo = context.textMemo;
  const last = memo?.last;
  let text: TextReading;
  if (last && last.defaultTags === context.defaultTags && sameText(last.raw, raw)) {
    text = last.reading;
    last.raw = raw;
  } else {
    text = readText(raw, context.defaultTags);
    if (memo) memo.last = { raw, defaultTags: context.defaultTags, reading: text };
  }
  const { title, description, categories, url, location } = text;
  const uid = nonEmpty(raw.uid) ?? url;
  const entry = uid ?? (context.entryIndex === undefined ? null : `#${context.entryIndex}`);
  if (title === '') return { ok: false, problem: { entry, message: 'entry has no title' } };

  const start = formatTime(raw.start);
  if (start === null)
    return { ok: false, problem: { entry, message: 'entry has a start outside years 0–9999' } };

  let problems = NO_PROBLEMS;
  let end = raw.end === null ? null : formatTime(sameKindAs(raw.start, raw.end));
  // A timed event may take no time (DURATION:PT0S, a deadline); an all-day end is exclusive, so it
  // must come after the start day.
  const allDay = raw.start.kind === 'date';
  if (end !== null && (end < start || (allDay && end === start))) {
    problems = [
      { entry, message: `end ${end} is not after start ${start}; end ignored`, severity: 'warning' },
    ];
    end = null;
  }

  const event: NormalizedEvent = {
    id: eventId(entryIdentity({ uid, title, start }), raw.recurrenceId),
    uid,
    recurrenceId: raw.recurrenceId,
    title,
    description,
    start,
    end,
    allDay: raw.start.kind === 'date',
    timeZone: raw.start.kind === 'instant' ? raw.start.timeZone : null,
    status: raw.status ?? 'confirmed',
    online: location.online,
    joinUrl: location.joinUrl,
    location: location.line,
    place: location.place,
    organizer: raw.organizer === null ? null : htmlToLine(raw.organizer) || null,
    url,
    categories,
    tags: text.tags,
    people: text.people,
    callForSpeakers: raw.callForSpeakers ? readCallForSpeakers(raw.callForSpeakers) : null,
    registrationDeadline: raw.registrationDeadline ? readCallForSpeakers(raw.registrationDeadline) : null,
  };
  return { ok: true, event, problems };
}

function readText(raw: RawEvent, defaultTags: readonly string[]): TextReading {
  const title = raw.title === null ? '' : htmlToLine(raw.title);
  const url = absoluteHttpUrl(raw.url);
  if (title === '')
    return {
      title,
      description: '',
      categories: [],
      tags: [],
      url,
      location: NO_LOCATION,
      people: NO_PEOPLE,
    };
  const description = plainDescription(raw.description, raw.descriptionFormat);
  const categories = plainCategories(raw.categories);
  const tags = tagEvent({ title, description, categories }, defaultTags);
  return {
    title,
    description,
    categories,
    tags,
    url,
    location: readLocation(raw),
    people: readPeople(raw, description),
  };
}

const NO_PEOPLE: readonly EventPerson[] = [];

/** Structured people first, then those of labelled description lines; one entry per person. */
function readPeople(raw: RawEvent, description: string): readonly EventPerson[] {
  const written = raw.people ?? NO_PEOPLE;
  const inText = peopleInText(description);
  if (written.length === 0 && inText.length === 0) return NO_PEOPLE;
  const people: EventPerson[] = [];
  const add = (text: string, role: EventPerson['role'], from: EventPerson['from']) => {
    const name = personName(htmlToLine(text));
    if (name === null) return;
    const key = personKey(name);
    if (key !== '' && !people.some((person) => person.key === key)) people.push({ name, key, role, from });
  };
  for (const person of written) add(person.name, person.role, 'field');
  for (const person of inText) add(person.name, person.role, 'text');
  return people;
}

/** `YYYY-MM-DDTHH:mm:ssZ` (no milliseconds) or `YYYY-MM-DD`; null when the instant has no 4-digit year. */
function formatTime(time: EventTime): string | null {
  return time.kind === 'date' ? time.date : formatUtcInstant(time.utcMs);
}

/**
 * An end of the other kind than its start is brought to the start's kind: an all-day event ends on
 * a date (the day after the end instant's day, unless the instant is midnight), a timed event at
 * midnight of its end date, both in the zone the event was published in (else UTC).
 */
function sameKindAs(start: EventTime, end: EventTime): EventTime {
  if (start.kind === end.kind) return end;
  if (end.kind === 'instant') {
    const wall = wallDateAt(end.utcMs, end.timeZone);
    // A zone nothing knows: the UTC date, taken as not midnight.
    const date = wall?.date ?? new Date(end.utcMs).toISOString().slice(0, 10);
    return { kind: 'date', date: wall?.midnight ? date : addDays(date, 1) };
  }
  const zone = start.kind === 'instant' && start.timeZone !== 'utc' ? start.timeZone : null;
  return { kind: 'instant', utcMs: startOfDateMs(end.date, zone), timeZone: zone };
}

interface LocationReading {
  readonly online: boolean;
  readonly joinUrl: string | null;
  readonly place: EventPlace | null;
  readonly line: string | null;
}

/**
 * Most entries of a feed share a handful of venues: a location that is only free text is read once
 * per distinct text (bounded, so a hostile feed cannot grow it without limit).
 */
const textOnlyLocations = new Map<string, LocationReading>();
const TEXT_ONLY_LOCATION_LIMIT = 2_000;

function readLocation(raw: RawEvent): LocationReading {
  if (raw.locationText === null || raw.place !== null || raw.online !== null || raw.joinUrl !== null) {
    return readLocationUncached(raw);
  }
  const cached = textOnlyLocations.get(raw.locationText);
  if (cached) return cached;
  const reading = readLocationUncached(raw);
  if (textOnlyLocations.size >= TEXT_ONLY_LOCATION_LIMIT) textOnlyLocations.clear();
  textOnlyLocations.set(raw.locationText, reading);
  return reading;
}

function readLocationUncached(raw: RawEvent): LocationReading {
  const {
    text,
    reading,
    place,
    placeLine: lineOfPlace,
  } = raw.place === null ? textPlace(raw.locationText) : readTextPlace(raw.locationText, raw.place);
  const online = raw.online ?? reading?.online ?? false;
  const joinUrl = absoluteHttpUrl(raw.joinUrl) ?? (online ? absoluteHttpUrl(reading?.joinUrl ?? null) : null);
  let line = lineOfPlace;
  if (line === null && online) {
    line = (joinUrl === null ? null : urlHost(joinUrl)) ?? (text === null ? null : collapseWhitespace(text));
  }
  return { online, joinUrl, place, line };
}

/** What a location's text alone says, and the place it makes with the feed's own (structured) one. */
interface TextPlace {
  readonly text: string | null;
  readonly reading: OnlineReading | null;
  readonly place: EventPlace | null;
  readonly placeLine: string | null;
}

/**
 * An event with a join link or an online flag (a fifth of a typical iCalendar feed, each link its
 * own) still shares its location text with others: the text's reading and place are kept per
 * distinct text, bounded like textOnlyLocations.
 */
const placesOfText = new Map<string, TextPlace>();

function textPlace(locationText: string | null): TextPlace {
  if (locationText === null) return readTextPlace(null, null);
  const cached = placesOfText.get(locationText);
  if (cached) return cached;
  const reading = readTextPlace(locationText, null);
  if (placesOfText.size >= TEXT_ONLY_LOCATION_LIMIT) placesOfText.clear();
  placesOfText.set(locationText, reading);
  return reading;
}

function readTextPlace(locationText: string | null, structured: Partial<EventPlace> | null): TextPlace {
  const text = locationText === null ? null : decodeHtmlEntities(locationText).trim() || null;
  const reading = text === null ? null : readOnlineLocation(text);
  const fromText = reading === null || reading.onlineOnly ? null : parseLocationText(reading.placeText);
  const place = mergePlace(structured, fromText);
  return { text, reading, place, placeLine: place === null ? null : placeLine(place) };
}

function plainDescription(description: string | null, format: 'text' | 'html'): string {
  if (description === null || description === '') return '';
  let text: string;
  if (format === 'html' || (description.includes('<') && HTML_MARKUP.test(description))) {
    text = htmlToText(description);
  } else {
    text = tidyMultilineText(description.includes('&') ? decodeHtmlEntities(description) : description);
  }
  return text.length > MAX_DESCRIPTION_LENGTH
    ? `${text.slice(0, MAX_DESCRIPTION_LENGTH - 1).trimEnd()}…`
    : text;
}

/** Trimmed, entities decoded, first spelling kept when two differ only in case. */
function plainCategories(categories: readonly string[]): readonly string[] {
  if (categories.length === 0 || areTidyAndDistinct(categories)) return categories;
  const seen = new Set<string>();
  const result: string[] = [];
  for (const category of categories) {
    const plain = htmlToLine(category);
    const key = plain.toLowerCase();
    if (plain === '' || seen.has(key)) continue;
    seen.add(key);
    result.push(plain);
  }
  return result;
}

/** The common case, checked without allocating: a few plain, distinct categories need no copy. */
function areTidyAndDistinct(categories: readonly string[]): boolean {
  if (categories.length > 8) return false;
  for (let index = 0; index < categories.length; index++) {
    const category = categories[index] ?? '';
    if (
      category === '' ||
      category.includes('<') ||
      category.includes('&') ||
      collapseWhitespace(category) !== category
    ) {
      return false;
    }
    for (let other = 0; other < index; other++) {
      const earlier = categories[other] ?? '';
      if (earlier.length === category.length && earlier.toLowerCase() === category.toLowerCase())
        return false;
    }
  }
  return true;
}

/** An absolute http(s) URL, stored as the WHATWG URL serializes it (what browsers and mail clients open), or null. */
function absoluteHttpUrl(value: string | null): string | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (CANONICAL_HTTP_URL.test(trimmed) && !trimmed.includes('/.') && !trimmed.includes('xn--'))
    return trimmed;
  if (!ABSOLUTE_HTTP_URL.test(trimmed)) return null;
  return URL.parse(trimmed)?.href ?? null;
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Its link as a stored URL and a real calendar date; null when neither is left. */
function readCallForSpeakers(call: CallForSpeakers): CallForSpeakers | null {
  const url = absoluteHttpUrl(call.url);
  const closesOn =
    call.closesOn !== null && LOCAL_DATE.test(call.closesOn) && !Number.isNaN(Date.parse(call.closesOn))
      ? call.closesOn
      : null;
  return url === null && closesOn === null ? null : { url, closesOn };
}

function nonEmpty(value: string | null): string | null {
  if (value === null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
