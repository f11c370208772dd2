import type { RawPerson } from '../raw-event.ts';
import { writtenTime } from './event-times.ts';
import { nonBlank, unescapeText } from './ical-text.ts';
import { firstText, type JCalComponent, type JCalProperty, parameterText } from './jcal.ts';
import { type ProblemNote, warningNote } from './problem-notes.ts';

/** What one VEVENT says, gathered in a single pass over its properties. */
export interface VEventData {
  /** 1-based position among the feed's VEVENTs, to name the entry when it has no UID. */
  readonly index: number;
  readonly uid: string | null;
  readonly title: string | null;
  readonly description: string | null;
  readonly descriptionFormat: 'text' | 'html';
  readonly status: 'confirmed' | 'tentative' | 'cancelled' | null;
  readonly locationText: string | null;
  readonly url: string | null;
  readonly organizer: string | null;
  /** ORGANIZER with a CN, ATTENDEEs whose role is chair or speaker. */
  readonly people: readonly RawPerson[];
  readonly categories: readonly string[];
  readonly joinUrl: string | null;
  readonly dtstart: JCalProperty | null;
  readonly dtend: JCalProperty | null;
  readonly duration: unknown;
  readonly recurrenceId: JCalProperty | null;
  readonly sequence: number;
  /** LAST-MODIFIED and DTSTAMP as written ("20260101T090000Z"), to tell revisions of one UID apart. */
  readonly lastModified: string | null;
  readonly dtstamp: string | null;
  /** The jCal RRULE value (ICAL.parse's recur data object). */
  readonly rrule: Record<string, unknown> | null;
  readonly rdates: readonly JCalProperty[];
  readonly exdates: readonly JCalProperty[];
  /** Problems the tolerant reader had with this VEVENT's lines. */
  readonly lineProblems: readonly ProblemNote[];
}

/** Properties that put an event online (RFC 7986 CONFERENCE and the vendors' own). */
const CONFERENCE_PROPERTIES = new Set([
  'conference',
  'x-google-conference',
  'x-microsoft-skypeteamsmeetingurl',
  'x-microsoft-onlinemeetingexternallink',
]);

/** The properties readVEvent uses (upper case): the block reader parses no others. */
export const PROPERTIES_READ: ReadonlySet<string> = new Set([
  'UID',
  'SUMMARY',
  'DESCRIPTION',
  'X-ALT-DESC',
  'STATUS',
  'LOCATION',
  'URL',
  'ORGANIZER',
  'ATTENDEE',
  'CATEGORIES',
  'DTSTART',
  'DTEND',
  'DURATION',
  'RECURRENCE-ID',
  'SEQUENCE',
  'LAST-MODIFIED',
  'DTSTAMP',
  'RRULE',
  'RDATE',
  'EXDATE',
  ...[...CONFERENCE_PROPERTIES].map((name) => name.toUpperCase()),
]);

/** Shared empty lists: most VEVENTs have no RDATE/EXDATE, and many no CATEGORIES. */
const NONE: readonly JCalProperty[] = Object.freeze([]);
const NO_CATEGORIES: readonly string[] = Object.freeze([]);
const NO_PEOPLE: readonly RawPerson[] = Object.freeze([]);

export function readVEvent(
  vevent: JCalComponent,
  index: number,
  lineProblems: readonly ProblemNote[],
): VEventData {
  let uid: string | null = null;
  let title: string | null = null;
  let description: string | null = null;
  let htmlDescription: string | null = null;
  let status: VEventData['status'] = null;
  let locationText: string | null = null;
  let url: string | null = null;
  let organizer: string | null = null;
  let people: RawPerson[] | null = null;
  let categories: string[] | null = null;
  let joinUrl: string | null = null;
  let dtstart: JCalProperty | null = null;
  let dtend: JCalProperty | null = null;
  let duration: unknown = null;
  let recurrenceId: JCalProperty | null = null;
  let sequence = 0;
  let lastModified: string | null = null;
  let dtstamp: string | null = null;
  let rrule: Record<string, unknown> | null = null;
  let rdates: JCalProperty[] | null = null;
  let exdates: JCalProperty[] | null = null;
  /** A DTSTART after the first that says another time (RFC 5545 allows one). */
  let secondStart: JCalProperty | null = null;

  for (const property of vevent[1]) {
    switch (property[0]) {
      case 'uid':
        uid ??= nonBlank(firstText(property))?.trim() ?? null;
        break;
      case 'summary':
        title ??= nonBlank(firstText(property));
        break;
      case 'description':
        description ??= nonBlank(firstText(property));
        break;
      case 'x-alt-desc':
        if (parameterText(property, 'fmttype')?.toLowerCase() === 'text/html') {
          const html = firstText(property);
          htmlDescription ??= html === null ? null : nonBlank(unescapeText(html));
        }
        break;
      case 'status':
        status ??= readStatus(firstText(property));
        break;
      case 'location':
        locationText ??= nonBlank(firstText(property));
        break;
      case 'url':
        url ??= nonBlank(firstText(property))?.trim() ?? null;
        break;
      case 'organizer': {
        organizer ??= readOrganizer(property);
        const name = nonBlank(parameterText(property, 'cn'))?.trim();
        if (name) people = withPerson(people, { name, role: 'organizer' });
        break;
      }
      case 'attendee': {
        const role = attendeeRole(property);
        const name = nonBlank(parameterText(property, 'cn'))?.trim();
        if (role && name) people = withPerson(people, { name, role });
        break;
      }
      case 'categories':
        categories = addCategories(categories ?? [], property);
        break;
      case 'dtstart':
        if (dtstart === null) dtstart = property;
        else if (!sameTime(dtstart, property)) secondStart ??= property;
        break;
      case 'dtend':
        dtend ??= property;
        break;
      case 'duration':
        duration ??= property[3];
        break;
      case 'recurrence-id':
        recurrenceId ??= property;
        break;
      case 'sequence':
        if (typeof property[3] === 'number') sequence = property[3];
        break;
      case 'last-modified':
        lastModified ??= firstText(property);
        break;
      case 'dtstamp':
        dtstamp ??= firstText(property);
        break;
      case 'rrule':
        if (property[3] !== null && typeof property[3] === 'object')
          rrule ??= property[3] as Record<string, unknown>;
        break;
      case 'rdate':
        if (rdates) rdates.push(property);
        else rdates = [property];
        break;
      case 'exdate':
        if (exdates) exdates.push(property);
        else exdates = [property];
        break;
      default:
        if (CONFERENCE_PROPERTIES.has(property[0])) joinUrl = preferredJoinUrl(joinUrl, firstText(property));
    }
  }

  let problems = lineProblems;
  if (dtstart !== null && secondStart !== null) {
    // As calendar clients do (ical.js reads the first), the first one counts; the feed hears of it.
    const message = `DTSTART is given twice ('${writtenTime(dtstart)}', then '${writtenTime(secondStart)}'); the first is used`;
    problems = [...lineProblems, warningNote(message)];
  }
  const useHtml = description === null && htmlDescription !== null;
  return {
    index,
    uid,
    title,
    description: useHtml ? htmlDescription : description,
    descriptionFormat: useHtml ? 'html' : 'text',
    status,
    locationText,
    url,
    organizer,
    people: people ?? NO_PEOPLE,
    // An exact-size copy: the list is kept in every stored event, and one grown by push has room for 17.
    categories: categories === null ? NO_CATEGORIES : categories.slice(),
    joinUrl,
    dtstart,
    dtend,
    duration,
    recurrenceId,
    sequence,
    lastModified,
    dtstamp,
    rrule,
    rdates: rdates ?? NONE,
    exdates: exdates ?? NONE,
    lineProblems: problems,
  };
}

/** Two time properties that say the same: the same type, value and TZID. */
function sameTime(a: JCalProperty, b: JCalProperty): boolean {
  return (
    a[2] === b[2] &&
    a[3] === b[3] &&
    a.length === b.length &&
    parameterText(a, 'tzid') === parameterText(b, 'tzid')
  );
}

/** The first conference URI, except that a web link beats a phone number ("tel:…") written before it. */
function preferredJoinUrl(current: string | null, candidate: string | null): string | null {
  const next = nonBlank(candidate)?.trim() ?? null;
  if (next === null) return current;
  if (current === null) return next;
  return !isWebLink(current) && isWebLink(next) ? next : current;
}

function isWebLink(uri: string): boolean {
  return /^https?:\/\//i.test(uri);
}

function readStatus(value: string | null): VEventData['status'] {
  switch (value?.trim().toUpperCase()) {
    case 'CONFIRMED':
      return 'confirmed';
    case 'TENTATIVE':
      return 'tentative';
    case 'CANCELLED':
      return 'cancelled';
    default:
      return null;
  }
}

/**
 * An ATTENDEE worth knowing: the chair (ROLE=CHAIR), or a speaker as RFC 9073 writes it
 * (PARTICIPANT-TYPE=SPEAKER) and as exporters do (ROLE=SPEAKER, X-ROLE=SPEAKER). Plain participants
 * are the audience, not people to meet through the event.
 */
function attendeeRole(property: JCalProperty): 'chair' | 'speaker' | null {
  const role = parameterText(property, 'role')?.toUpperCase();
  if (role === 'CHAIR') return 'chair';
  const speaker = [role, parameterText(property, 'participant-type'), parameterText(property, 'x-role')].some(
    (value) => value?.toUpperCase() === 'SPEAKER',
  );
  return speaker ? 'speaker' : null;
}

function withPerson(people: RawPerson[] | null, person: RawPerson): RawPerson[] {
  if (people === null) return [person];
  people.push(person);
  return people;
}

/** The organizer's CN, else the address without "mailto:". */
function readOrganizer(property: JCalProperty): string | null {
  const name = nonBlank(parameterText(property, 'cn'))?.trim();
  if (name) return name;
  const address = nonBlank(firstText(property))?.trim();
  return address ? address.replace(/^mailto:/i, '') : null;
}

/** CATEGORIES may repeat and holds comma-separated values (ICAL.parse splits them into values). */
function addCategories(into: string[], property: JCalProperty): string[] {
  for (let i = 3; i < property.length; i++) {
    const value = property[i];
    if (typeof value !== 'string') continue;
    const category = value.trim();
    if (category !== '' && !into.includes(category)) into.push(category);
  }
  return into;
}
