/**
 * Date and time strings from RSS/Atom, JSON Feed and JSON-LD → EventTime.
 *
 * - ISO-8601 with an offset (or Z) is an instant; an offset is not a zone, so timeZone is null.
 * - ISO-8601 without an offset is wall time in the feed's default zone (timeZone = that zone), or UTC.
 * - A date alone is an all-day date.
 * - RFC 2822 ("Tue, 12 May 2026 18:00:00 +0200"), which some RSS feeds use, is an instant.
 */
import { ianaZoneRules, utcZoneRules, type ZoneRules } from '../time/zone-rules.ts';
import { localMsToUtcMs } from '../time/zoned-time.ts';
import type { EventTime } from './raw-event.ts';

const DATE_ONLY = /^(\d{4})-?(\d{2})-?(\d{2})$/;
const STARTS_WITH_DATE = /^\d{4}-?\d{2}-?\d{2}[T ]\d/i;
const SPACE_BEFORE_TIME = /^(\d{4}-?\d{2}-?\d{2}) /;
const OFFSET_SUFFIX = /(?:z|[+-]\d{2}(?::?\d{2})?)$/i;
const TIME_SEPARATOR = /t/i;
const DATE_PREFIX = /^(\d{4})-?(\d{2})-?(\d{2})/;

/**
 * ISO-8601 date-times as luxon's `DateTime.fromISO` (which this module used before) reads them: a
 * calendar date, `T` and a time of hours, minutes or seconds with an optional fraction, then an
 * optional offset (`Z`, `±hh`, `±hh:mm`, `±hhmm`) and an optional `[zone]`, which wins over the
 * offset. Groups: year, month, day, hour, minute, second, fraction, Z, offset hours, offset minutes, zone.
 */
const ISO_DATE_TIME =
  /^(\d{4})-?(\d\d)-?(\d\d)[Tt](\d\d)(?::?(\d\d)(?::?(\d\d)(?:[.,](\d{1,30}))?)?)?(?:(?:([Zz])|([+-]\d\d)(?::?(\d\d))?)?(?:\[([A-Za-z_+-]{1,256}(?::?\/[A-Za-z0-9_+-]{1,256}(?:\/[A-Za-z0-9_+-]{1,256})?)?)\])?)?$/;
/** RFC 2822 as luxon's `DateTime.fromRFC2822` reads it, after dropping comments and folding. */
const RFC_2822 =
  /^(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s)?(\d{1,2})\s(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s(\d{2,4})\s(\d\d):(\d\d)(?::(\d\d))?\s(?:(UT|GMT|[ECMP][SD]T)|([Zz])|(?:([+-]\d\d)(\d\d)))$/;
const RFC_2822_COMMENT_OR_FOLD = /\([^()]*\)|[\n\t]/g;
const RFC_2822_SPACE_RUN = /(\s\s+)/g;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** RFC 2822's obsolete zone names, in minutes east of UTC ("UT" has none: luxon reads no time from it). */
const OBSOLETE_ZONES: Readonly<Record<string, number>> = {
  GMT: 0,
  EDT: -4 * 60,
  EST: -5 * 60,
  CDT: -5 * 60,
  CST: -6 * 60,
  MDT: -6 * 60,
  MST: -7 * 60,
  PDT: -7 * 60,
  PST: -8 * 60,
};
const MINUTE_MS = 60_000;

/** The EventTime a string denotes, or null when it is not a date (garbage, "TBA", "2026-13-45"). */
export function parseEventTime(value: string, defaultTimeZone: string | null): EventTime | null {
  const text = value.trim();
  const dateOnly = DATE_ONLY.exec(text);
  if (dateOnly) {
    const date = `${dateOnly[1]}-${dateOnly[2]}-${dateOnly[3]}`;
    return isCalendarDate(Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3]))
      ? { kind: 'date', date }
      : null;
  }
  if (STARTS_WITH_DATE.test(text)) {
    const iso = text.replace(SPACE_BEFORE_TIME, '$1T');
    const timePart = iso.slice(iso.search(TIME_SEPARATOR) + 1);
    if (OFFSET_SUFFIX.test(timePart)) {
      const utcMs = isoUtcMs(iso, null);
      return utcMs === null ? null : { kind: 'instant', utcMs, timeZone: null };
    }
    const utcMs = isoUtcMs(iso, defaultTimeZone);
    return utcMs === null ? null : { kind: 'instant', utcMs, timeZone: defaultTimeZone };
  }
  const utcMs = rfc2822UtcMs(text);
  return utcMs === null ? null : { kind: 'instant', utcMs, timeZone: null };
}

/**
 * The instant of an ISO-8601 date-time, or null when it is none: read at its `[zone]`, else its
 * offset, else as wall time in `zone` (UTC when null; RFC 5545's rule in a DST gap or overlap).
 */
function isoUtcMs(text: string, zone: string | null): number | null {
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction, z, offsetHours, offsetMinutes, named] = match;
  const localMs = localTimeMs(
    Number(year),
    Number(month),
    Number(day),
    Number(hour),
    minute === undefined ? 0 : Number(minute),
    second === undefined ? 0 : Number(second),
    fraction === undefined ? 0 : Math.floor(Number.parseFloat(`0.${fraction}`) * 1000),
  );
  if (localMs === null) return null;
  if (named !== undefined) {
    const rules = zoneRules(named);
    return rules === null ? null : localMsToUtcMs(rules, localMs);
  }
  if (z !== undefined || offsetHours !== undefined) {
    return localMs - signedOffsetMinutes(offsetHours, offsetMinutes) * MINUTE_MS;
  }
  const rules = zone === null ? utcZoneRules : zoneRules(zone);
  return rules === null ? null : localMsToUtcMs(rules, localMs);
}

function rfc2822UtcMs(value: string): number | null {
  const text = value.replace(RFC_2822_COMMENT_OR_FOLD, ' ').replace(RFC_2822_SPACE_RUN, ' ').trim();
  const match = RFC_2822.exec(text);
  if (!match) return null;
  const [, weekday, day, monthName, yearText = '', hour, minute, second, obsolete, military, offsetHours] =
    match;
  const offsetMinutes = match[11];
  const year = yearText.length === 2 ? twoDigitYear(Number(yearText)) : Number(yearText);
  const month = MONTHS.indexOf(monthName ?? '') + 1;
  const localMs = localTimeMs(
    year,
    month,
    Number(day),
    Number(hour),
    Number(minute),
    second === undefined ? 0 : Number(second),
    0,
  );
  if (localMs === null) return null;
  if (weekday !== undefined && WEEKDAYS[new Date(localMs).getUTCDay()] !== weekday) return null;
  const offset =
    obsolete !== undefined
      ? OBSOLETE_ZONES[obsolete]
      : military !== undefined
        ? 0
        : signedOffsetMinutes(offsetHours, offsetMinutes);
  return offset === undefined ? null : localMs - offset * MINUTE_MS;
}

/** "26" → 2026, "61" → 1961 (luxon's cutoff). */
function twoDigitYear(year: number): number {
  return year > 60 ? 1900 + year : 2000 + year;
}

/** "+05", "30" → 330; "-05", "30" → -330 (the minutes take the hours' sign, "-00" included). */
function signedOffsetMinutes(hoursText: string | undefined, minutesText: string | undefined): number {
  const hours = hoursText === undefined ? 0 : Number.parseInt(hoursText, 10);
  const minutes = minutesText === undefined ? 0 : Number.parseInt(minutesText, 10);
  const negative = hoursText?.startsWith('-') === true;
  return hours * 60 + (negative ? -minutes : minutes);
}

/**
 * The fields as "local milliseconds" (read as if UTC), or null when they are no real date and time
 * (24:00 is the end of the day, as ISO-8601 allows).
 */
function localTimeMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
): number | null {
  if (!isCalendarDate(year, month, day)) return null;
  const endOfDay = hour === 24 && minute === 0 && second === 0 && millisecond === 0;
  if (!((hour <= 23 || endOfDay) && minute <= 59 && second <= 59)) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  if (year >= 100) return ms;
  // Date.UTC reads years 0–99 as 1900–1999.
  const date = new Date(ms);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days =
    month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

/** Rules of a zone Intl knows ("utc" and "gmt" in any case included), else null. */
function zoneRules(zone: string): ZoneRules | null {
  const lowered = zone.toLowerCase();
  if (lowered === 'utc' || lowered === 'gmt') return utcZoneRules;
  return isValidTimeZone(zone) ? ianaZoneRules(zone) : null;
}

/**
 * Feeds written by people (JSON-LD, JSON Feed, RSS) give the LAST day of a multi-day event as its end
 * date; Trellis's all-day end is exclusive (iCalendar semantics), so a date end moves one day on.
 */
export function exclusiveEnd(end: EventTime): EventTime {
  if (end.kind !== 'date') return end;
  return { kind: 'date', date: addDays(end.date, 1) };
}

export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** The date part of a wall-time string ("2026-05-12T19:00" → "2026-05-12"), for all-day overrides. */
export function datePart(value: string): string | null {
  const match = DATE_PREFIX.exec(value.trim());
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/**
 * The calendar date (`YYYY-MM-DD`) of an instant in a zone (UTC when null), and whether the instant
 * is that day's midnight there (to the second); null for a zone Intl does not know.
 */
export function wallDateAt(utcMs: number, zone: string | null): { date: string; midnight: boolean } | null {
  const rules = zone === null ? utcZoneRules : zoneRules(zone);
  if (rules === null) return null;
  const wall = new Date(utcMs + rules.offsetAt(utcMs));
  return {
    date: isoDate(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate()),
    midnight: wall.getUTCHours() === 0 && wall.getUTCMinutes() === 0 && wall.getUTCSeconds() === 0,
  };
}

/**
 * The instant a date begins in a zone (UTC when null; RFC 5545's rule when midnight falls in a DST
 * gap or overlap); NaN for a date or zone that is none.
 */
export function startOfDateMs(date: string, zone: string | null): number {
  const match = DATE_ONLY.exec(date);
  if (!match) return Number.NaN;
  const localMs = localTimeMs(Number(match[1]), Number(match[2]), Number(match[3]), 0, 0, 0, 0);
  const rules = zone === null ? utcZoneRules : zoneRules(zone);
  return localMs === null || rules === null ? Number.NaN : localMsToUtcMs(rules, localMs);
}

/** `YYYY-MM-DD`; beyond years 0–9999 the sign and six digits of the extended form ("+010000-01-01"). */
function isoDate(year: number, month: number, day: number): string {
  const long = year > 9999 || year < 0;
  const digits = String(Math.abs(year)).padStart(long ? 6 : 4, '0');
  const yearText = year < 0 ? `-${digits}` : long ? `+${digits}` : digits;
  return `${yearText}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whether Intl knows the zone (an IANA name or link, "UTC" in any case). */
export function isValidTimeZone(zone: string): boolean {
  if (zone === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone }).format();
    return true;
  } catch {
    return false;
  }
}
