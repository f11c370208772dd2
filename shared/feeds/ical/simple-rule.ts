import { DAY_MS } from './ical-time-values.ts';

/** Thrown when a series has used up its iterations (see MAX_ITERATIONS_PER_SERIES); the message says which cap. */
export class IterationCapReached extends Error {}

/** Periods (days, weeks, months, years) in a row without an occurrence before a rule counts as exhausted. */
const MAX_EMPTY_PERIODS = 2_000;
const WEEKDAYS: Readonly<Record<string, number>> = { SU: 0, MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6 };
/** ical.js writes WKST as 1 = Sunday … 7 = Saturday. */
const ICALJS_WEEKDAY_OFFSET = 1;
const BYDAY_PART = /^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/;

/** The parts simpleRuleCursor knows; a rule with any other goes to ical.js. */
const SIMPLE_RULE_PARTS: ReadonlySet<string> = new Set([
  'freq',
  'interval',
  'count',
  'until',
  'wkst',
  'byday',
  'bymonthday',
]);

/** The step of a rule that repeats within a day, when it has no BY parts: a fixed wall-clock interval. */
const SUB_DAILY_MS: Readonly<Record<string, number>> = {
  SECONDLY: 1000,
  MINUTELY: 60_000,
  HOURLY: 3_600_000,
};

/**
 * A fast iterator for the rules most feeds use: SECONDLY, MINUTELY and HOURLY without BY parts;
 * DAILY; WEEKLY with plain BYDAY (and WKST); MONTHLY with BYMONTHDAY, with plain BYDAY, or with one
 * ordinal BYDAY (-1FR, 2TU); YEARLY on DTSTART's date; each with INTERVAL and COUNT. ical.js's iterator costs about 10 µs an occurrence; this costs
 * a fraction of that. Returns null for any other rule (ical.js expands those). The cursor yields the
 * wall-clock starts as "local" milliseconds from DTSTART on, or null when COUNT is used up; UNTIL is
 * the caller's. Without COUNT it may skip straight to `skipBeforeLocalMs` (a series running since
 * 2015 costs nothing for the years before the window). Throws IterationCapReached after `maxSteps`
 * periods.
 */
export function simpleRuleCursor(
  rrule: Record<string, unknown>,
  startLocalMs: number,
  isDate: boolean,
  maxSteps: number,
  skipBeforeLocalMs = Number.NEGATIVE_INFINITY,
): (() => number | null) | null {
  for (const name of Object.keys(rrule)) if (!SIMPLE_RULE_PARTS.has(name)) return null;
  const interval = typeof rrule.interval === 'number' && rrule.interval >= 1 ? Math.floor(rrule.interval) : 1;
  const count = typeof rrule.count === 'number' && rrule.count > 0 ? rrule.count : Number.POSITIVE_INFINITY;
  const byDay = list(rrule.byday);
  const byMonthDay = list(rrule.bymonthday).map(Number);
  if (byMonthDay.some((day) => !Number.isInteger(day) || day === 0 || day < -31 || day > 31)) return null;
  const days = byDay.map((part) => BYDAY_PART.exec(String(part)));
  if (days.some((match) => match === null)) return null;
  const weekdays = days.map((match) => WEEKDAYS[(match as RegExpExecArray)[2] as string] as number);
  const ordinals = days.map((match) =>
    (match as RegExpExecArray)[1] ? Number((match as RegExpExecArray)[1]) : 0,
  );

  const stepMs = SUB_DAILY_MS[String(rrule.freq)];
  if (stepMs !== undefined) {
    if (isDate || byDay.length > 0 || byMonthDay.length > 0) return null;
    return fixedStepCursor(startLocalMs, stepMs * interval, count, skipBeforeLocalMs);
  }

  const startDay = Math.floor(startLocalMs / DAY_MS);
  const timeOfDay = isDate ? 0 : startLocalMs - startDay * DAY_MS;
  const start = new Date(startDay * DAY_MS);
  const startYear = start.getUTCFullYear();
  const startMonth = start.getUTCMonth();
  const startDate = start.getUTCDate();

  const skipTo = new Date(Math.max(skipBeforeLocalMs, startLocalMs));
  const skipDays = Math.floor(skipTo.getTime() / DAY_MS) - startDay;
  const skipMonths = (skipTo.getUTCFullYear() - startYear) * 12 + skipTo.getUTCMonth() - startMonth;
  /** Writes the days (since the epoch) the rule selects in one period into `into`, in order. */
  let daysOfPeriod: (period: number, into: DayList) => void;
  /** Periods that certainly end before `skipBeforeLocalMs`. */
  let periodsToSkip: number;
  switch (rrule.freq) {
    case 'DAILY':
      if (byDay.length > 0 || byMonthDay.length > 0) return null;
      daysOfPeriod = (period, into) => {
        addDay(into, startDay + period * interval);
      };
      periodsToSkip = Math.floor(skipDays / interval) - 1;
      break;
    case 'WEEKLY': {
      if (byMonthDay.length > 0 || ordinals.some((ordinal) => ordinal !== 0)) return null;
      const weekStart = typeof rrule.wkst === 'number' ? rrule.wkst - ICALJS_WEEKDAY_OFFSET : 1;
      const firstWeekStart = startDay - ((weekdayOf(startDay) - weekStart + 7) % 7);
      const offsets = [...new Set(weekdays.length > 0 ? weekdays : [weekdayOf(startDay)])]
        .map((weekday) => (weekday - weekStart + 7) % 7)
        .sort((a, b) => a - b);
      daysOfPeriod = (period, into) => {
        for (const offset of offsets) addDay(into, firstWeekStart + period * interval * 7 + offset);
      };
      periodsToSkip = Math.floor(skipDays / (interval * 7)) - 1;
      break;
    }
    case 'MONTHLY': {
      if (byDay.length > 0 && byMonthDay.length > 0) return null;
      if (ordinals.some((ordinal) => ordinal !== 0) && byDay.length !== 1) return null;
      daysOfPeriod = (period, into) => {
        const monthIndex = startMonth + period * interval;
        const firstDay = Date.UTC(startYear, monthIndex, 1) / DAY_MS;
        const length = Date.UTC(startYear, monthIndex + 1, 1) / DAY_MS - firstDay;
        daysInMonthMatching(firstDay, length, startDate, byMonthDay, weekdays, ordinals, into);
      };
      periodsToSkip = Math.floor(skipMonths / interval) - 1;
      break;
    }
    case 'YEARLY':
      if (byDay.length > 0 || byMonthDay.length > 0) return null;
      daysOfPeriod = (period, into) => {
        const year = startYear + period * interval;
        const day = Date.UTC(year, startMonth, startDate) / DAY_MS;
        // Feb 29 exists only in leap years: other years have no occurrence (RFC 5545 3.3.10).
        if (new Date(day * DAY_MS).getUTCMonth() === startMonth) addDay(into, day);
      };
      periodsToSkip = Math.floor(skipMonths / 12 / interval) - 1;
      break;
    default:
      return null;
  }

  // COUNT is counted from DTSTART, so a counted rule cannot skip.
  let period = count === Number.POSITIVE_INFINITY ? Math.max(0, periodsToSkip) : 0;
  // Refilled in place each period (setting its length to 0 would drop its storage every time).
  const pending: DayList = { days: [], length: 0 };
  let next = 0;
  let emitted = 0;
  let steps = 0;
  return () => {
    if (emitted >= count) return null;
    let emptyPeriods = 0;
    for (;;) {
      if (next < pending.length) {
        const localMs = (pending.days[next++] as number) * DAY_MS + timeOfDay;
        if (localMs < startLocalMs) continue;
        emitted++;
        return localMs;
      }
      if (++steps > maxSteps) throw new IterationCapReached(`stopped after ${maxSteps} iterations`);
      if (++emptyPeriods > MAX_EMPTY_PERIODS) return null;
      pending.length = 0;
      next = 0;
      daysOfPeriod(period++, pending);
    }
  };
}

/**
 * Occurrence n of a fixed-step rule is DTSTART + n steps, so the cursor jumps straight to the first
 * one at or after `skipBeforeLocalMs`, COUNT or not: a FREQ=SECONDLY rule costs one step per
 * occurrence taken, never one per second since DTSTART.
 */
function fixedStepCursor(
  startLocalMs: number,
  stepMs: number,
  count: number,
  skipBeforeLocalMs: number,
): () => number | null {
  let index = skipBeforeLocalMs > startLocalMs ? Math.ceil((skipBeforeLocalMs - startLocalMs) / stepMs) : 0;
  return () => {
    if (index >= count) return null;
    return startLocalMs + index++ * stepMs;
  };
}

/** Writes the days (since the epoch) of one month that the MONTHLY rule selects into `into`, in order. */
function daysInMonthMatching(
  firstDay: number,
  length: number,
  startDate: number,
  byMonthDay: readonly number[],
  weekdays: readonly number[],
  ordinals: readonly number[],
  into: DayList,
): void {
  if (byMonthDay.length > 0) {
    const dates = byMonthDay
      .map((date) => (date > 0 ? date : length + date + 1))
      .filter((date) => date >= 1 && date <= length);
    for (const date of [...new Set(dates)].sort((a, b) => a - b)) addDay(into, firstDay + date - 1);
    return;
  }
  if (weekdays.length === 0) {
    if (startDate <= length) addDay(into, firstDay + startDate - 1);
    return;
  }
  const firstWeekday = weekdayOf(firstDay);
  const ordinal = ordinals[0] ?? 0;
  if (ordinal !== 0) {
    const weekday = weekdays[0] as number;
    const firstMatch = 1 + ((weekday - firstWeekday + 7) % 7);
    const lastMatch = firstMatch + 7 * Math.floor((length - firstMatch) / 7);
    const date = ordinal > 0 ? firstMatch + (ordinal - 1) * 7 : lastMatch + (ordinal + 1) * 7;
    if (date >= 1 && date <= length) addDay(into, firstDay + date - 1);
    return;
  }
  for (let date = 1; date <= length; date++) {
    if (weekdays.includes((firstWeekday + date - 1) % 7)) addDay(into, firstDay + date - 1);
  }
}

/** The days one period selects, in an array reused from period to period. */
interface DayList {
  readonly days: number[];
  length: number;
}

function addDay(into: DayList, day: number): void {
  into.days[into.length++] = day;
}

/** 0 = Sunday … 6 = Saturday; day 0 (1970-01-01) was a Thursday. */
function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
