import { jCalDate, jCalLocalDateTime } from './ical-time-values.ts';

/*
 * An RRULE value in its common, strictly written shapes ("FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=…Z"), read
 * into exactly the data object ICAL.Recur._stringToData(value, true) makes of it (same keys, same
 * order, same values), without its Object.create(null), splits and Sets (ical.js's line parser
 * costs 2-3.5 µs an RRULE, this about a fifth of that). Anything else (lower case or unknown keys, a
 * key given twice, empty parts, values ical.js would reject or read loosely) returns null, so that
 * ical.js keeps its own reading and its errors. Names and numbers are read in place, not cut out.
 */

/** The most used first. */
const FREQUENCIES: readonly string[] = [
  'WEEKLY',
  'MONTHLY',
  'DAILY',
  'YEARLY',
  'HOURLY',
  'MINUTELY',
  'SECONDLY',
];
/** In ical.js's numbering of WKST: 1 = Sunday … 7 = Saturday. */
const WEEKDAYS: readonly string[] = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const EQUALS = 61;
const SEMICOLON = 59;
const COMMA = 44;
/** More digits than this and a number could round differently from parseInt's. */
const MAX_DIGITS = 15;

/** How one rule part's value (value.slice(from, end)) is read; undefined when not in a shape read here. */
type ReadPart = (value: string, from: number, end: number) => unknown;

interface RecurPart {
  /** As written: upper case. */
  readonly name: string;
  /** The data object's key for it (ical.js's lower-case name). */
  readonly key: string;
  readonly read: ReadPart;
  /** A bit of its own, to tell a part given twice. */
  readonly bit: number;
}

/** A BY part of numbers, with ical.js's inclusive bounds (parseNumericValue). */
function numbersWithin(min: number, max: number): ReadPart {
  return (value, from, end) =>
    readList(value, from, end, (item, itemFrom, itemEnd) =>
      signedIntegerWithin(item, itemFrom, itemEnd, min, max),
    );
}

const RECUR_PARTS: readonly RecurPart[] = (
  [
    { name: 'FREQ', key: 'freq', read: frequency },
    { name: 'COUNT', key: 'count', read: unsignedInteger },
    {
      name: 'INTERVAL',
      key: 'interval',
      // ical.js reads an INTERVAL below 1 as 1.
      read: (value, from, end) => {
        const interval = unsignedInteger(value, from, end);
        return interval === undefined ? undefined : Math.max(interval, 1);
      },
    },
    { name: 'UNTIL', key: 'until', read: jCalUntil },
    { name: 'WKST', key: 'wkst', read: weekStart },
    { name: 'BYDAY', key: 'byday', read: (value, from, end) => readList(value, from, end, byDayItem) },
    { name: 'BYMONTHDAY', key: 'bymonthday', read: numbersWithin(-31, 31) },
    { name: 'BYMONTH', key: 'bymonth', read: numbersWithin(1, 12) },
    { name: 'BYSETPOS', key: 'bysetpos', read: numbersWithin(-366, 366) },
    { name: 'BYYEARDAY', key: 'byyearday', read: numbersWithin(-366, 366) },
    { name: 'BYWEEKNO', key: 'byweekno', read: numbersWithin(-53, 53) },
    { name: 'BYHOUR', key: 'byhour', read: numbersWithin(0, 23) },
    { name: 'BYMINUTE', key: 'byminute', read: numbersWithin(0, 59) },
    { name: 'BYSECOND', key: 'bysecond', read: numbersWithin(0, 60) },
  ] satisfies Omit<RecurPart, 'bit'>[]
).map((part, index) => ({ ...part, bit: 1 << index }));
/** RECUR_PARTS by the length of their name, to be matched in place. */
const PARTS_BY_NAME_LENGTH: readonly (readonly RecurPart[])[] = Array.from({ length: 11 }, (_, length) =>
  RECUR_PARTS.filter((part) => part.name.length === length),
);

/**
 * The jCal data of an RRULE value (the text after "RRULE:"), keys in the order written; null when
 * the value is not one of the shapes read here.
 */
export function readRecurValue(value: string): Record<string, unknown> | null {
  const data: Record<string, unknown> = {};
  let seen = 0;
  let at = 0;
  for (;;) {
    let equals = at;
    while (equals < value.length && value.charCodeAt(equals) !== EQUALS) equals++;
    const part = equals < value.length ? partAt(value, at, equals) : undefined;
    if (part === undefined || (seen & part.bit) !== 0) return null;
    seen |= part.bit;
    let end = equals + 1;
    for (; end < value.length; end++) {
      const code = value.charCodeAt(end);
      if (code === SEMICOLON) break;
      // "A=b=c" is read by ical.js as "A=b".
      if (code === EQUALS) return null;
    }
    const read = part.read(value, equals + 1, end);
    if (read === undefined) return null;
    data[part.key] = read;
    if (end === value.length) return data;
    at = end + 1;
  }
}

/** The part whose name is written from `from` to `end`. */
function partAt(value: string, from: number, end: number): RecurPart | undefined {
  const candidates = PARTS_BY_NAME_LENGTH[end - from];
  if (candidates === undefined) return undefined;
  for (const candidate of candidates) if (writtenAt(value, from, candidate.name)) return candidate;
  return undefined;
}

/** Whether `text` is written in `value` at `from` (startsWith, without its cost per call). */
function writtenAt(value: string, from: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (value.charCodeAt(from + i) !== text.charCodeAt(i)) return false;
  return true;
}

/**
 * The items of a comma-separated value, each read by `readItem`, repeats dropped (as ical.js's Set
 * does), a single item as itself; undefined when an item is unreadable.
 */
function readList(value: string, from: number, end: number, readItem: ReadPart): unknown {
  let comma = commaAt(value, from, end);
  if (comma === end) return readItem(value, from, end);
  const items: unknown[] = [];
  for (;;) {
    const item = readItem(value, from, comma);
    if (item === undefined) return undefined;
    if (!items.includes(item)) items.push(item);
    if (comma === end) break;
    from = comma + 1;
    comma = commaAt(value, from, end);
  }
  return items.length === 1 ? items[0] : items;
}

/** The index of the first "," from `from`, or `end`. */
function commaAt(value: string, from: number, end: number): number {
  let at = from;
  while (at < end && value.charCodeAt(at) !== COMMA) at++;
  return at;
}

function frequency(value: string, from: number, end: number): string | undefined {
  for (const name of FREQUENCIES) if (name.length === end - from && writtenAt(value, from, name)) return name;
  return undefined;
}

/** The WKST number ical.js gives a day ("MO" → 2). */
function weekStart(value: string, from: number, end: number): number | undefined {
  const day = end - from === 2 ? weekdayAt(value, from) : -1;
  return day === -1 ? undefined : day + 1;
}

/** "MO", "-1SU", "+2TU", "53FR": ical.js's VALID_BYDAY_PART, less a sign without a number ("+MO"). */
function byDayItem(value: string, from: number, end: number): string | undefined {
  const length = end - from;
  if (length === 2) {
    const day = weekdayAt(value, from);
    return day === -1 ? undefined : WEEKDAYS[day];
  }
  if (length < 3 || length > 5 || weekdayAt(value, end - 2) === -1) return undefined;
  const first = value.charCodeAt(from);
  const ordinalFrom = first === 43 /* + */ || first === 45 /* - */ ? from + 1 : from;
  const ordinal = unsignedInteger(value, ordinalFrom, end - 2);
  // No leading zero ("01MO"), and at most the 53rd.
  if (ordinal === undefined || ordinal < 1 || ordinal > 53 || value.charCodeAt(ordinalFrom) === 48) {
    return undefined;
  }
  return value.slice(from, end);
}

/** 0 for "SU" … 6 for "SA" at `from`, or -1. */
function weekdayAt(value: string, from: number): number {
  for (let day = 0; day < WEEKDAYS.length; day++) {
    if (writtenAt(value, from, WEEKDAYS[day] as string)) return day;
  }
  return -1;
}

/** "20270620" → "2027-06-20", "20270620T000000Z" → "2027-06-20T00:00:00Z", as ical.js's UNTIL. */
function jCalUntil(value: string, from: number, end: number): string | undefined {
  const length = end - from;
  if (length === 8) return allDigits(value, from, end) ? jCalDate(value, from) : undefined;
  const utc = length === 16 && value.charCodeAt(end - 1) === 90; /* Z */
  if (length !== 15 && !utc) return undefined;
  if (!allDigits(value, from, from + 8) || value.charCodeAt(from + 8) !== 84 /* T */) return undefined;
  if (!allDigits(value, from + 9, from + 15)) return undefined;
  return utc ? `${jCalLocalDateTime(value, from)}Z` : jCalLocalDateTime(value, from);
}

function allDigits(value: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const code = value.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** Decimal digits from `from` to `end`, as parseInt reads them; undefined for anything else. */
function unsignedInteger(value: string, from: number, end: number): number | undefined {
  if (end <= from || end - from > MAX_DIGITS) return undefined;
  let number = 0;
  for (let i = from; i < end; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    number = number * 10 + digit;
  }
  return number;
}

/** "[+-]digits" within [min, max]; "-0" is 0, as ical.js's Set (not parseInt) leaves it. */
function signedIntegerWithin(
  value: string,
  from: number,
  end: number,
  min: number,
  max: number,
): number | undefined {
  const first = value.charCodeAt(from);
  const signed = first === 43 /* + */ || first === 45; /* - */
  const magnitude = unsignedInteger(value, signed ? from + 1 : from, end);
  if (magnitude === undefined) return undefined;
  const number = first === 45 && magnitude !== 0 ? -magnitude : magnitude;
  return number < min || number > max ? undefined : number;
}
