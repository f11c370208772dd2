/** One schema.org Event node → RawEvent, or a problem naming the entry and the field. */
import { datePart, exclusiveEnd, parseEventTime } from '../event-time.ts';
import type { CallForSpeakers, EventPlace, FeedProblem } from '../feed-event.ts';
import { parseAddressText } from '../place.ts';
import type { EventTime, RawEvent, RawPerson } from '../raw-event.ts';
import { readAttendanceMode, readEventStatus } from '../schema-org-terms.ts';
import { resolveReference } from './find-event-nodes.ts';
import {
  isJsonObject,
  type JsonObject,
  listOf,
  nodeIdOf,
  termOf,
  textOf,
  typesOf,
} from './json-ld-values.ts';

export interface SchemaEventContext {
  readonly defaultTimeZone: string | null;
  readonly index: ReadonlyMap<string, JsonObject>;
}

const MARKUP = /<[a-zA-Z!/]/;
const KEYWORD_SEPARATOR = /\s*,\s*/;

export function schemaEventToRawEvent(
  node: JsonObject,
  position: number,
  context: SchemaEventContext,
  problems: FeedProblem[],
): RawEvent | null {
  const uid = nodeIdOf(node);
  const url = textOf(node.url);
  const title = textOf(node.name);
  const label = uid ?? url ?? title ?? `#${position}`;

  const startText = textOf(node.startDate);
  if (startText === null) {
    // An EventSeries or Festival that only groups its sub-events is not itself on the calendar.
    if (node.subEvent === undefined && node.subEvents === undefined) {
      problems.push({ entry: label, message: 'entry has no event start date', severity: 'warning' });
    }
    return null;
  }
  const start = parseEventTime(startText, context.defaultTimeZone);
  if (start === null) {
    problems.push({ entry: label, message: `startDate: not a date: "${startText}"` });
    return null;
  }
  const endText = textOf(node.endDate);
  let end: EventTime | null = null;
  if (endText !== null) {
    const parsed = parseEventTime(endText, context.defaultTimeZone);
    if (parsed === null)
      problems.push({
        entry: label,
        message: `endDate: not a date: "${endText}"; end ignored`,
        severity: 'warning',
      });
    // schema.org writes the last day of a multi-day event; Trellis's all-day end is exclusive.
    else end = exclusiveEnd(parsed);
  }

  const statusTerm = termOf(node.eventStatus);
  const status = statusTerm === null ? null : readEventStatus(statusTerm);
  const attendanceTerm = termOf(node.eventAttendanceMode);
  const attendance = attendanceTerm === null ? null : readAttendanceMode(attendanceTerm);
  const location = readLocation(node.location, context.index);
  const online = location.virtual ? true : (status?.online ?? attendance);
  const description = textOf(node.description);

  return {
    uid,
    recurrenceId: null,
    title,
    description,
    descriptionFormat: description !== null && MARKUP.test(description) ? 'html' : 'text',
    start,
    end,
    status: status?.status ?? null,
    online,
    joinUrl: location.joinUrl,
    locationText: location.text,
    place: location.place,
    organizer: names(node.organizer, context.index),
    people: [
      ...schemaPeople(node.performer, 'speaker', context.index, false),
      ...schemaPeople(node.organizer, 'organizer', context.index, true),
    ],
    url,
    categories: keywords(node.keywords),
    registrationDeadline: offerDeadline(node.offers, context.index),
  };
}

interface LocationReading {
  readonly text: string | null;
  readonly place: Partial<EventPlace> | null;
  readonly virtual: boolean;
  readonly joinUrl: string | null;
}

/**
 * `location` as text, a Place (name + address text or PostalAddress), a bare PostalAddress, a
 * VirtualLocation (its url is the join link), or a list mixing them: the first of each kind counts.
 */
function readLocation(value: unknown, index: ReadonlyMap<string, JsonObject>): LocationReading {
  let text: string | null = null;
  let place: Partial<EventPlace> | null = null;
  let virtual = false;
  let joinUrl: string | null = null;
  for (const raw of listOf(value)) {
    const item = resolveReference(raw, index);
    if (typeof item === 'string') {
      text ??= item.trim() || null;
      continue;
    }
    if (!isJsonObject(item)) continue;
    const types = typesOf(item);
    if (types.includes('VirtualLocation')) {
      virtual = true;
      joinUrl ??= textOf(item.url);
      continue;
    }
    if (place !== null) continue;
    if (types.includes('PostalAddress')) {
      place = { name: null, ...postalAddress(item, index) };
      continue;
    }
    const name = textOf(item.name);
    const address = resolveReference(item.address, index);
    if (address === undefined || address === null) {
      // A place known only by name ("Kulturbrauerei, Berlin", "Online") is read like free text.
      text ??= name;
      continue;
    }
    if (isJsonObject(address)) place = { name, ...postalAddress(address, index) };
    else {
      const written = textOf(address);
      place = written === null ? { name } : { name, ...parseAddressText(written) };
    }
  }
  return { text, place, virtual, joinUrl };
}

function postalAddress(
  address: JsonObject,
  index: ReadonlyMap<string, JsonObject>,
): Omit<EventPlace, 'name'> {
  const country = resolveReference(address.addressCountry, index);
  return {
    address: textOf(address.streetAddress),
    city: textOf(address.addressLocality),
    country: isJsonObject(country) ? textOf(country.name) : textOf(country),
  };
}

/** Organizers as names ("ACME, Jane Doe"): strings, or Organization/Person nodes by their name. */
function names(value: unknown, index: ReadonlyMap<string, JsonObject>): string | null {
  const found: string[] = [];
  for (const raw of listOf(value)) {
    const item = resolveReference(raw, index);
    const name = isJsonObject(item) ? textOf(item.name) : textOf(item);
    if (name !== null && !found.includes(name)) found.push(name);
  }
  return found.length === 0 ? null : found.join(', ');
}

/**
 * People among `performer` (speakers: a Person, or a bare name; a PerformingGroup or Organization
 * is no one to meet) or `organizer` (only when typed Person: organizers are mostly organizations).
 */
function schemaPeople(
  value: unknown,
  role: 'speaker' | 'organizer',
  index: ReadonlyMap<string, JsonObject>,
  onlyTypedPersons: boolean,
): RawPerson[] {
  const people: RawPerson[] = [];
  for (const raw of listOf(value)) {
    const item = resolveReference(raw, index);
    if (isJsonObject(item)) {
      const types = typesOf(item);
      const isPerson = types.includes('Person');
      if (!isPerson && (onlyTypedPersons || types.length > 0)) continue;
      const name = textOf(item.name);
      if (name !== null) people.push({ name, role });
    } else if (!onlyTypedPersons) {
      const name = textOf(item);
      if (name !== null) people.push({ name, role });
    }
  }
  return people;
}

/**
 * The last day to register: the latest `validThrough` among the event's offers (an Offer or a list,
 * perhaps by reference), as the calendar date it names, with that offer's URL.
 */
function offerDeadline(value: unknown, index: ReadonlyMap<string, JsonObject>): CallForSpeakers | null {
  let best: CallForSpeakers | null = null;
  for (const raw of listOf(value)) {
    const offer = resolveReference(raw, index);
    if (!isJsonObject(offer)) continue;
    const through = textOf(offer.validThrough);
    const day = through === null ? null : datePart(through);
    if (day === null) continue;
    if (best === null || (best.closesOn !== null && day > best.closesOn)) {
      best = { url: textOf(offer.url), closesOn: day };
    }
  }
  return best;
}

/** `keywords` as one comma-separated string or a list (of strings or DefinedTerms). */
function keywords(value: unknown): string[] {
  const result: string[] = [];
  for (const item of listOf(value)) {
    const text = isJsonObject(item) ? textOf(item.name) : textOf(item);
    if (text === null) continue;
    for (const keyword of text.split(KEYWORD_SEPARATOR)) if (keyword !== '') result.push(keyword);
  }
  return result;
}
