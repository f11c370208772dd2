import { readStoredTime, type StoredTime } from './stored-time.ts';
import { calendarDateParts, knownTimeZone, type ZonedDateParts, zonedDateParts } from './zoned-date-parts.ts';

/** The time fields of an event as stored (see DigestEventItem). */
export interface EventTiming {
  readonly start: string;
  readonly end: string | null;
  readonly allDay: boolean;
}

export interface TimeFormatOptions {
  /** Dates in this year are shown without it; others get it ("Thu 2 Jan 2031"). Default: the start's year. */
  readonly referenceYear?: number;
}

const DAY_MS = 86_400_000;

/**
 * When an event happens, for a reader in `timeZone`: "Tue 3 Dec, 19:00–21:00 CET",
 * "Tue 3 Dec, 22:00 – Wed 4 Dec, 02:00 CET", "Sat 14 Dec (all day)", "Sat 14 – Sun 15 Dec".
 * All-day dates are calendar dates and are shown as they are; the exclusive end of a stored all-day
 * event is turned into its last day. A value that cannot be read is shown as stored.
 */
export function formatEventTime(
  timing: EventTiming,
  timeZone: string,
  options: TimeFormatOptions = {},
): string {
  const zone = knownTimeZone(timeZone);
  const start = readStoredTime(timing.start);
  if (!start) return timing.start;
  const end = timing.end === null ? null : readStoredTime(timing.end);
  if (timing.allDay || start.kind === 'date') {
    const first = dayParts(start, zone);
    const last = end ? lastDayOf(end, zone) : null;
    const reference = options.referenceYear ?? first.year;
    if (!last || !isAfterDay(last, first)) return `${dayText(first, reference)} (all day)`;
    return formatDayRange(first, last, reference);
  }
  const from = zonedDateParts(start.ms, zone);
  const reference = options.referenceYear ?? from.year;
  if (end?.kind !== 'instant' || end.ms <= start.ms) {
    return `${dayText(from, reference)}, ${from.time} ${from.zoneLabel}`;
  }
  const to = zonedDateParts(end.ms, zone);
  const sameZoneLabel = from.zoneLabel === to.zoneLabel;
  if (isSameDay(from, to)) {
    return sameZoneLabel
      ? `${dayText(from, reference)}, ${from.time}–${to.time} ${to.zoneLabel}`
      : `${dayText(from, reference)}, ${from.time} ${from.zoneLabel} – ${to.time} ${to.zoneLabel}`;
  }
  const fromText = `${dayText(from, reference)}, ${from.time}${sameZoneLabel ? '' : ` ${from.zoneLabel}`}`;
  return `${fromText} – ${dayText(to, reference)}, ${to.time} ${to.zoneLabel}`;
}

/** One moment with no end: "Tue 3 Dec, 19:00 CET", or "Sat 14 Dec (all day)". */
export function formatEventStart(
  start: string,
  allDay: boolean,
  timeZone: string,
  options: TimeFormatOptions = {},
): string {
  return formatEventTime({ start, end: null, allDay }, timeZone, options);
}

/** The reader's calendar day of a date or instant: "Mon 4 Nov". */
export function formatDay(value: string, timeZone: string, options: TimeFormatOptions = {}): string {
  const time = readStoredTime(value);
  if (!time) return value;
  const day = dayParts(time, knownTimeZone(timeZone));
  return dayText(day, options.referenceYear ?? day.year);
}

/** The days of a window [from, to) in the reader's zone: "Mon 2 – Sun 8 Dec". */
export function formatWindow(from: string, to: string, timeZone: string): string {
  const zone = knownTimeZone(timeZone);
  const start = readStoredTime(from);
  const end = readStoredTime(to);
  if (!start || !end) return `${from} – ${to}`;
  const first = dayParts(start, zone);
  const last = lastDayOf(end, zone);
  return isAfterDay(last, first) ? formatDayRange(first, last, first.year) : dayText(first, first.year);
}

/** The year in the reader's zone at a stored time (the digest's window start), for referenceYear. */
export function yearOf(value: string, timeZone: string): number | undefined {
  const time = readStoredTime(value);
  return time ? dayParts(time, knownTimeZone(timeZone)).year : undefined;
}

function formatDayRange(first: ZonedDateParts, last: ZonedDateParts, reference: number): string {
  if (first.year === last.year && first.month === last.month) {
    return `${first.weekday} ${first.day} – ${dayText(last, reference)}`;
  }
  if (first.year === last.year) {
    return `${first.weekday} ${first.day} ${first.monthName} – ${dayText(last, reference)}`;
  }
  return `${dayText(first, reference)} – ${dayText(last, reference)}`;
}

function dayText(day: ZonedDateParts, referenceYear: number): string {
  const text = `${day.weekday} ${day.day} ${day.monthName}`;
  return day.year === referenceYear ? text : `${text} ${day.year}`;
}

function dayParts(time: StoredTime, zone: string): ZonedDateParts {
  return time.kind === 'date'
    ? calendarDateParts(time.year, time.month, time.day)
    : zonedDateParts(time.ms, zone);
}

/** The last day covered by an exclusive end: the day before a date, the day of the instant before. */
function lastDayOf(end: StoredTime, zone: string): ZonedDateParts {
  if (end.kind === 'instant') return zonedDateParts(end.ms - 1, zone);
  const previous = new Date(Date.UTC(end.year, end.month - 1, end.day) - DAY_MS);
  return calendarDateParts(previous.getUTCFullYear(), previous.getUTCMonth() + 1, previous.getUTCDate());
}

function isSameDay(a: ZonedDateParts, b: ZonedDateParts): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

function isAfterDay(a: ZonedDateParts, b: ZonedDateParts): boolean {
  return a.year * 10_000 + a.month * 100 + a.day > b.year * 10_000 + b.month * 100 + b.day;
}
