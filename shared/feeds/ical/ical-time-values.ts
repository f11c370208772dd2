import ICAL from 'ical.js';
import { formatUtcInstant } from '../utc-instant.ts';

/**
 * A DATE or DATE-TIME value as written, no zone applied yet. The wall-clock reading is kept as
 * "local milliseconds": the same fields read as if they were UTC (Date.UTC of them), which makes
 * wall-clock arithmetic plain addition.
 */
export interface TimeValue {
  readonly isDate: boolean;
  /** Written with a trailing Z. */
  readonly utc: boolean;
  readonly localMs: number;
}

/** RFC 5545 3.3.6: days and weeks are nominal (wall-clock days), the rest is exact time. */
export interface NominalDuration {
  readonly days: number;
  readonly exactMs: number;
}

export const DAY_MS = 86_400_000;

/**
 * Reads ICAL.parse's jCal form of a DATE ("2026-03-29") or DATE-TIME ("2026-03-29T02:30:00", "…Z"),
 * checking that it is a real calendar date and time; null otherwise. ICAL.parse only re-slices the
 * characters, so this is where a garbled date is caught.
 */
export function readTimeValue(text: unknown): TimeValue | null {
  if (typeof text !== 'string') return null;
  // ical.js (strict mode) turns a date written without VALUE=DATE ("DTSTART:20260501") into
  // "2026-05-01T::"; it still names that date.
  const length = text.length === 13 && text.endsWith('T::') ? 10 : text.length;
  const isDate = length === 10;
  if (!isDate && length !== 19 && !((length === 20 && text.charCodeAt(19) === 90) /* Z */)) return null;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (isDate) return { isDate, utc: false, localMs: utcOfFields(year, month, day, 0, 0, 0) };
  if (text.charCodeAt(10) !== 84 /* T */ || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58)
    return null;
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return null;
  // A leap second (:60) is read as :59, as most calendar software does.
  const localMs = utcOfFields(year, month, day, hour, minute, second === 60 ? 59 : second);
  return { isDate, utc: length === 20, localMs };
}

/** A date written "YYYYMMDD" (at `at` in `w`) in jCal's form, "YYYY-MM-DD", in one string. */
export function jCalDate(w: string, at = 0): string {
  return String.fromCharCode(
    w.charCodeAt(at),
    w.charCodeAt(at + 1),
    w.charCodeAt(at + 2),
    w.charCodeAt(at + 3),
    HYPHEN,
    w.charCodeAt(at + 4),
    w.charCodeAt(at + 5),
    HYPHEN,
    w.charCodeAt(at + 6),
    w.charCodeAt(at + 7),
  );
}

/** The date and wall time of "YYYYMMDDTHHMMSS…" (at `at` in `w`) in jCal's form, in one string. */
export function jCalLocalDateTime(w: string, at = 0): string {
  return String.fromCharCode(
    w.charCodeAt(at),
    w.charCodeAt(at + 1),
    w.charCodeAt(at + 2),
    w.charCodeAt(at + 3),
    HYPHEN,
    w.charCodeAt(at + 4),
    w.charCodeAt(at + 5),
    HYPHEN,
    w.charCodeAt(at + 6),
    w.charCodeAt(at + 7),
    LETTER_T,
    w.charCodeAt(at + 9),
    w.charCodeAt(at + 10),
    COLON,
    w.charCodeAt(at + 11),
    w.charCodeAt(at + 12),
    COLON,
    w.charCodeAt(at + 13),
    w.charCodeAt(at + 14),
  );
}

const HYPHEN = 45;
const COLON = 58;
const LETTER_T = 84;

/** Date.UTC, except that years 1-99 stay years 1-99. */
function utcOfFields(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year);
  return date.getTime();
}

/** The value of `count` decimal digits at `from`, or -1 if one of them is not a digit. */
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * A duration in ISO 8601's full form whose date part counts years or months: ISO 8601 has them,
 * RFC 5545 durations do not (ical.js reads "P1M" as a minute). Anything else is merely unreadable.
 */
const CALENDAR_UNITS =
  /^[+-]?P(?=[^T]*[YM])(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?$/i;

/** True for a DURATION written with years or months ("P1M", "P1Y2D"), which iCalendar has no meaning for. */
export function hasCalendarUnits(text: unknown): boolean {
  return typeof text === 'string' && CALENDAR_UNITS.test(text.trim());
}

/** "P", then numbers with RFC 5545's units (weeks, days, hours, minutes, seconds), a "T" before any. */
const LENIENT_DURATION = /^[+-]?P(?:T?\d+[WDHMS])+T?$/i;

/**
 * DURATION text ("PT1H30M", "P1W", "-P2D") → nominal days and exact milliseconds; null when
 * unreadable, years and months included (see hasCalendarUnits).
 */
export function readDuration(text: unknown): NominalDuration | null {
  if (typeof text !== 'string') return null;
  const trimmed = text.trim();
  const strict = readStrictDuration(trimmed);
  if (strict !== null) return strict;
  // ical.js reads on past what it does not know ("P1DXYZ" is a day to it): only numbers with the
  // RFC's units go to it, in the orders exporters write them ("PT1W", "-PT1W1D2H").
  if (hasCalendarUnits(trimmed) || !LENIENT_DURATION.test(trimmed)) return null;
  let duration: ICAL.Duration;
  try {
    duration = ICAL.Duration.fromString(trimmed);
  } catch {
    return null;
  }
  return nominalDuration(
    duration.isNegative,
    duration.weeks,
    duration.days,
    duration.hours,
    duration.minutes,
    duration.seconds,
  );
}

/** The same arithmetic for both readings, so that a negative zero stays one. */
function nominalDuration(
  isNegative: boolean,
  weeks: number,
  days: number,
  hours: number,
  minutes: number,
  seconds: number,
): NominalDuration {
  const sign = isNegative ? -1 : 1;
  return {
    days: sign * (weeks * 7 + days),
    exactMs: sign * ((hours * 60 + minutes) * 60 + seconds) * 1000,
  };
}

/** More digits than this and a number could round differently from parseInt's. */
const MAX_DURATION_DIGITS = 15;

/**
 * RFC 5545's own forms, "[+-]P" then "nW", or "nD" and/or "T" with "nH", "nM", "nS" in that order,
 * read without ical.js (whose Duration.fromString costs ~1.5 µs); null for anything else, which
 * ical.js then reads as before.
 */
function readStrictDuration(text: string): NominalDuration | null {
  const first = text.charCodeAt(0);
  let at = first === 43 /* + */ || first === 45 /* - */ ? 1 : 0;
  if (text.charCodeAt(at) !== 80 /* P */) return null;
  at++;
  let days = 0;
  if (text.charCodeAt(at) !== 84 /* T */) {
    const end = digitsEnd(text, at);
    if (end === -1) return null;
    const number = digitsValue(text, at, end);
    const unit = text.charCodeAt(end);
    at = end + 1;
    if (unit === 87 /* W */ && at === text.length) return nominalDuration(first === 45, number, 0, 0, 0, 0);
    if (unit !== 68 /* D */) return null;
    days = number;
    if (at === text.length) return nominalDuration(first === 45, 0, days, 0, 0, 0);
    if (text.charCodeAt(at) !== 84) return null;
  }
  // The time part: "T", then at least one of H, M, S, in that order.
  at++;
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  /** 0 before an H, 1 before an M, 2 before an S. */
  let rank = 0;
  do {
    const end = digitsEnd(text, at);
    if (end === -1) return null;
    const number = digitsValue(text, at, end);
    const unit = text.charCodeAt(end);
    at = end + 1;
    if (unit === 72 /* H */ && rank === 0) {
      hours = number;
      rank = 1;
    } else if (unit === 77 /* M */ && rank <= 1) {
      minutes = number;
      rank = 2;
    } else if (unit === 83 /* S */ && rank <= 2) {
      seconds = number;
      rank = 3;
    } else {
      return null;
    }
  } while (at < text.length);
  return nominalDuration(first === 45, 0, days, hours, minutes, seconds);
}

/** The index after the decimal digits at `from`; -1 when there are none or too many. */
function digitsEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    if (code < 48 || code > 57) break;
    end++;
  }
  return end === from || end - from > MAX_DURATION_DIGITS ? -1 : end;
}

function digitsValue(text: string, from: number, end: number): number {
  let value = 0;
  for (let i = from; i < end; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

/** Days since 1970-01-01 of a local-milliseconds reading. */
export function dayNumber(localMs: number): number {
  return Math.floor(localMs / DAY_MS);
}

/** "YYYY-MM-DD" of a local-milliseconds reading (or of the UTC date of an instant). */
export function formatDate(localMs: number): string {
  const { year, month, day } = civilDate(dayNumber(localMs));
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

/**
 * "YYYY-MM-DDTHH:mm:ssZ" (no milliseconds) of an instant. Years 0–9999 go through formatUtcInstant,
 * which writes one flat string: a RECURRENCE-ID stays in every stored occurrence, and this
 * function's nested templates leave it a rope of a dozen pieces.
 */
export function formatInstant(utcMs: number): string {
  return formatUtcInstant(utcMs) ?? formatAnyInstant(utcMs);
}

function formatAnyInstant(utcMs: number): string {
  const days = dayNumber(utcMs);
  const seconds = Math.floor((utcMs - days * DAY_MS) / 1000);
  const hour = Math.floor(seconds / 3600);
  const minute = Math.floor((seconds % 3600) / 60);
  return `${formatDate(utcMs)}T${pad2(hour)}:${pad2(minute)}:${pad2(seconds % 60)}Z`;
}

/** Gregorian date of a day number (H. Hinnant's civil_from_days), without a Date object. */
function civilDate(days: number): { year: number; month: number; day: number } {
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

function pad4(value: number): string {
  return String(value).padStart(4, '0');
}
