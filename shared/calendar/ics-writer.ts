import { ianaZoneRules } from '../time/zone-rules.ts';
import { localMsToUtcMs } from '../time/zoned-time.ts';

/**
 * A small iCalendar writer (RFC 5545) for what Trellis publishes: one VCALENDAR of VEVENTs with VTIMEZONE blocks
 * written by shared/calendar/vtimezone.ts. It writes the bytes ical-generator (11.1) wrote before it, property for
 * property in the same order (test/unit/calendar/ics-writer.test.ts holds that output): TEXT escaped (`\\`, `;`,
 * `,`, line breaks), parameter values per RFC 6868, lines folded at 74 octets, CRLF, no line end after END:VCALENDAR.
 */

/** A date-time of a VEVENT: an ISO instant (`…Z` or with an offset; without one, wall time in the zone). */
export interface IcsEvent {
  readonly uid: string;
  readonly sequence?: number;
  /** DTSTAMP */
  readonly stamp: Date;
  /** ISO instant, or `YYYY-MM-DD` for an all-day event. */
  readonly start: string;
  /** Exclusive end, same form as `start`; null: none. */
  readonly end: string | null;
  readonly allDay: boolean;
  /** IANA zone of DTSTART/DTEND (TZID), null for UTC times. */
  readonly timeZone: string | null;
  readonly summary: string;
  readonly transparent?: boolean;
  readonly location?: string | null;
  readonly description?: string | null;
  readonly organizer?: { readonly name: string; readonly email: string };
  /** An attendee asked to reply (RSVP, NEEDS-ACTION). */
  readonly attendee?: string;
  readonly categories?: readonly string[];
  readonly url?: string | null;
  readonly status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  readonly created?: Date;
  readonly lastModified?: Date;
}

export interface IcsCalendar {
  /** Without the leading '-': `//Trellis//Trellis calendar//EN`. */
  readonly prodId: string;
  readonly method?: 'REQUEST' | 'CANCEL';
  /** NAME and X-WR-CALNAME, written as given. */
  readonly name?: string;
  /** X-WR-CALDESC, written as given. */
  readonly description?: string;
  /** REFRESH-INTERVAL and X-PUBLISHED-TTL. */
  readonly ttlSeconds?: number;
  /** The VTIMEZONE block of a zone the events use. */
  readonly vtimezone: (zone: string) => string | null;
  readonly events: readonly IcsEvent[];
}

/** RFC 5545 3.3.11 TEXT: backslash, semicolon and comma escaped, line breaks as `\n`. */
export function escapeText(value: string): string {
  return value.replace(/[\\;,]/g, (match) => `\\${match}`).replace(/(?:\r\n|\r|\n)/g, '\\n');
}

/** RFC 6868 parameter value: `^`, `"` and line breaks caret-encoded. */
export function escapeParameter(value: string): string {
  return value
    .replace(/\^/g, '^^')
    .replace(/"/g, "^'")
    .replace(/(?:\r\n|\r|\n)/g, '^n');
}

const maxOctets = 74;

/** Folds every line longer than 74 octets (RFC 5545 3.1), never inside a UTF-8 character or a surrogate pair. */
export function foldLines(input: string): string {
  return input
    .split('\r\n')
    .map((line) => {
      if (line.length <= maxOctets && /^[\x20-\x7e]*$/.test(line)) return line;
      let result = '';
      let octets = 0;
      for (let i = 0; i < line.length; i += 1) {
        let character = line.charAt(i);
        const code = line.charCodeAt(i);
        let size = 3;
        if (code < 0x80) size = 1;
        else if (code < 0x800) size = 2;
        else if (code >= 0xd800 && code <= 0xdbff) {
          i += 1;
          character += line.charAt(i);
          size = 4;
        }
        octets += size;
        if (octets > maxOctets) {
          result += '\r\n ';
          octets = size;
        }
        result += character;
      }
      return result;
    })
    .join('\r\n');
}

/** `PT6H`, `P1DT30M`, … */
export function durationOf(seconds: number): string {
  let rest = Math.abs(seconds);
  let out = `${seconds < 0 ? '-' : ''}P`;
  if (rest >= 86_400) {
    out += `${Math.floor(rest / 86_400)}D`;
    rest %= 86_400;
  }
  if (!rest && out.length > 1 + (seconds < 0 ? 1 : 0)) return out;
  out += 'T';
  if (rest >= 3600) {
    out += `${Math.floor(rest / 3600)}H`;
    rest %= 3600;
  }
  if (rest >= 60) {
    out += `${Math.floor(rest / 60)}M`;
    rest %= 60;
  }
  if (rest > 0) out += `${rest}S`;
  else if (out.length <= 2 + (seconds < 0 ? 1 : 0)) out += '0S';
  return out;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `YYYYMMDDTHHMMSS` of the UTC fields of `ms`. */
function stampOf(ms: number): string {
  const date = new Date(ms);
  if (Number.isNaN(ms)) throw new RangeError('Not a date-time');
  return `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`;
}

/** A UTC date-time value: `20261125T100000Z`. */
export function utcDateTime(at: Date): string {
  return `${stampOf(at.getTime())}Z`;
}

const offsetPattern = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const localPattern = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

/** The instant of an ISO date-time; one without an offset is wall time in `zone`. */
export function instantMs(iso: string, zone: string | null): number {
  if (offsetPattern.test(iso) && iso.includes('T')) {
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) throw new RangeError(`Not a date-time: '${iso}'`);
    return ms;
  }
  const local = localPattern.exec(iso) ?? datePattern.exec(iso);
  if (!local) throw new RangeError(`Not a date-time: '${iso}'`);
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = local;
  const localMs = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  return zone && zone.toLowerCase() !== 'utc' ? localMsToUtcMs(ianaZoneRules(zone), localMs) : localMs;
}

/** `YYYYMMDD` of an all-day date (`YYYY-MM-DD`, or the UTC date of an instant). */
function dateValue(value: string): string {
  const date = datePattern.exec(value);
  if (date) return `${date[1]}${date[2]}${date[3]}`;
  return stampOf(instantMs(value, null)).slice(0, 8);
}

/** The TZID of an event's times: none for all-day events and for UTC itself (written with `Z`). */
function zoneOf(event: IcsEvent): string | null {
  return !event.allDay && event.timeZone && event.timeZone !== 'UTC' ? event.timeZone : null;
}

function eventLines(event: IcsEvent): string {
  let start = event.start;
  let end = event.end;
  const zone = zoneOf(event);
  const startMs = event.allDay ? instantMs(start, null) : instantMs(start, zone);
  const endMs = end === null ? null : event.allDay ? instantMs(end, null) : instantMs(end, zone);
  let first = startMs;
  let last = endMs;
  if (endMs !== null && startMs > endMs) {
    [start, end] = [end ?? start, start];
    [first, last] = [endMs, startMs];
  }
  const local = (ms: number) => {
    if (!zone) return `${stampOf(ms)}Z`;
    return stampOf(ms + ianaZoneRules(zone).offsetAt(ms));
  };
  let g = `BEGIN:VEVENT\r\nUID:${event.uid}\r\nSEQUENCE:${event.sequence ?? 0}\r\n`;
  g += `DTSTAMP:${utcDateTime(event.stamp)}\r\n`;
  if (event.allDay) {
    g += `DTSTART;VALUE=DATE:${dateValue(start)}\r\n`;
    if (end !== null) g += `DTEND;VALUE=DATE:${dateValue(end)}\r\n`;
    g += 'X-MICROSOFT-CDO-ALLDAYEVENT:TRUE\r\nX-MICROSOFT-MSNCALENDAR-ALLDAYEVENT:TRUE\r\n';
  } else {
    const tzid = zone ? `;TZID=${zone}` : '';
    g += `DTSTART${tzid}:${local(first)}\r\n`;
    if (last !== null) g += `DTEND${tzid}:${local(last)}\r\n`;
  }
  g += `SUMMARY:${escapeText(event.summary)}\r\n`;
  if (event.transparent) g += 'TRANSP:TRANSPARENT\r\n';
  if (event.location) g += `LOCATION:${escapeText(event.location)}\r\n`;
  if (event.description !== undefined && event.description !== null)
    g += `DESCRIPTION:${escapeText(event.description)}\r\n`;
  if (event.organizer) {
    const { name, email } = event.organizer;
    if (!name || !email) throw new Error('An organizer needs a name and an address');
    g += `ORGANIZER;CN="${escapeParameter(name)}":mailto:${escapeText(email)}\r\n`;
  }
  if (event.attendee) {
    g += `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:MAILTO:${escapeText(event.attendee)}\r\n`;
  }
  if (event.categories?.length) g += `CATEGORIES:${event.categories.map(escapeText).join(',')}\r\n`;
  if (event.url) g += `URL;VALUE=URI:${escapeText(event.url)}\r\n`;
  if (event.status) g += `STATUS:${event.status}\r\n`;
  if (event.created) g += `CREATED:${utcDateTime(event.created)}\r\n`;
  if (event.lastModified) g += `LAST-MODIFIED:${utcDateTime(event.lastModified)}\r\n`;
  return `${g}END:VEVENT\r\n`;
}

/** The whole calendar object as text. */
export function writeCalendar(calendar: IcsCalendar): string {
  let g = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-${calendar.prodId}\r\n`;
  if (calendar.method) g += `METHOD:${calendar.method}\r\n`;
  if (calendar.name) g += `NAME:${calendar.name}\r\nX-WR-CALNAME:${calendar.name}\r\n`;
  if (calendar.description) g += `X-WR-CALDESC:${calendar.description}\r\n`;
  const zones = [...new Set(calendar.events.flatMap((event) => zoneOf(event) ?? []))];
  for (const zone of zones) {
    const block = calendar.vtimezone(zone);
    if (block) g += `${block.replace(/\r\n/g, '\n').replace(/\n/g, '\r\n').trim()}\r\n`;
  }
  if (calendar.ttlSeconds && calendar.ttlSeconds > 0) {
    const ttl = durationOf(calendar.ttlSeconds);
    g += `REFRESH-INTERVAL;VALUE=DURATION:${ttl}\r\nX-PUBLISHED-TTL:${ttl}\r\n`;
  }
  for (const event of calendar.events) g += eventLines(event);
  return foldLines(`${g}END:VCALENDAR`);
}
