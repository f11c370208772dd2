import ICAL from 'ical.js';
import { localMsToUtcMs, smallestOffsetWithinDay } from '../../time/zoned-time.ts';
import type { ExpansionWindow } from '../feed-event.ts';
import type { EventTime } from '../raw-event.ts';
import type { CalendarZones } from './calendar-zones.ts';
import { asWritten, placeValue, utcMsOf, type ZonedValue } from './event-times.ts';
import {
  DAY_MS,
  dayNumber,
  formatDate,
  formatInstant,
  readDuration,
  readTimeValue,
  type TimeValue,
} from './ical-time-values.ts';
import { type JCalProperty, parameterText } from './jcal.ts';
import { errorNote, type ProblemNote, warningNote } from './problem-notes.ts';
import type { EventBudget } from './reading.ts';
import { IterationCapReached, simpleRuleCursor } from './simple-rule.ts';

/** Iterations one series may cost (hostile rules ical.js has to step through, FREQ=SECONDLY;BYHOUR=9 from 1900). */
export const MAX_ITERATIONS_PER_SERIES = 100_000;
/**
 * ical.js iterations one feed may spend in all (about 5 µs each): a legitimate uncommon rule costs a
 * few hundred, and a feed of hostile ones stops after seconds, not hours.
 */
export const MAX_RULE_ITERATIONS_PER_FEED = 1_000_000;
/**
 * Occurrences one series may have in the window: a daily event for 16 months, an hourly one for three
 * weeks. Iteration stops there, so a FREQ=SECONDLY rule costs what it keeps.
 */
export const MAX_OCCURRENCES_PER_SERIES = 500;
/** UTC offsets stay within ±15 h, so a wall time a day outside the window cannot be inside it. */
const OFFSET_MARGIN_MS = DAY_MS;

/** One occurrence of a series; `key` identifies its original start (UTC ms, or the date's local ms for all-day series). */
export interface Occurrence {
  readonly key: number;
  readonly start: ZonedValue;
  readonly startMs: number;
  /** The end an RDATE PERIOD gives, else null (the series' end rule applies). */
  readonly periodEnd: EventTime | null;
}

/** An RRULE ready to iterate, its UNTIL kept aside to be compared exactly. */
export interface PreparedRule {
  /** The next wall-clock start as local milliseconds, or null when the rule is exhausted. */
  readonly next: () => number | null;
  readonly until: TimeValue | null;
  readonly rrule: Record<string, unknown>;
}

export interface SeriesInput {
  readonly start: ZonedValue;
  readonly startMs: number;
  readonly rule: PreparedRule | null;
  readonly rdates: readonly JCalProperty[];
  readonly exdates: readonly JCalProperty[];
  /** Keys of the occurrences a RECURRENCE-ID override replaces. */
  readonly overriddenKeys: ReadonlySet<number>;
  /** The most occurrences to return (MAX_OCCURRENCES_PER_SERIES, or fewer when the feed's budget is short). */
  readonly limit: number;
}

export interface ExpandedSeries {
  /** The first `limit` occurrences in the window, in start order. */
  readonly occurrences: Occurrence[];
  /** True when the window held more than `limit`. */
  readonly truncated: boolean;
}

/** Adds an occurrence unless it is outside the window, excluded or overridden; false once the series is full. */
type AddOccurrence = (start: ZonedValue, startMs: number, periodEnd: EventTime | null) => boolean;

/**
 * Prepares an RRULE, in the wall-clock time of DTSTART: occurrences are generated as local times and
 * each is converted to UTC on its own, so a weekly 09:00 meeting stays at 09:00 across DST. Common
 * rules go through simpleRuleCursor, the rest through ical.js's iterator on a floating ICAL.Time.
 * Null (and a problem) when the rule is invalid.
 */
export function prepareRule(
  rrule: Record<string, unknown>,
  start: ZonedValue,
  window: ExpansionWindow,
  budget: EventBudget,
  problems: ProblemNote[],
): PreparedRule | null {
  const { until: untilValue, ...parts } = rrule;
  const text = (): string => ruleText(rrule);
  const until = untilValue === undefined ? null : readTimeValue(untilValue);
  if (untilValue !== undefined && !until) {
    problems.push(
      errorNote(`invalid RRULE '${text()}' (unreadable UNTIL); only the first occurrence is kept`),
    );
    return null;
  }
  if (typeof parts.freq !== 'string') {
    problems.push(errorNote(`invalid RRULE '${text()}' (no FREQ); only the first occurrence is kept`));
    return null;
  }
  const simple = simpleRuleCursor(
    parts,
    start.localMs,
    start.isDate,
    MAX_ITERATIONS_PER_SERIES,
    earliestLocalMsInWindow(start, window),
  );
  if (simple) return { next: simple, until, rrule };
  try {
    const recur = ICAL.Recur.fromData({
      ...parts,
      // A loose upper bound keeps ical.js's own searches short; the exact UNTIL test is ours.
      ...(until ? { until: floatingTime(untilBoundMs(until), false) } : {}),
    } as ConstructorParameters<typeof ICAL.Recur>[0]);
    const iterator = recur.iterator(floatingTime(start.localMs, start.isDate));
    return { next: cappedNext(iterator, budget), until, rrule };
  } catch (error) {
    problems.push(
      errorNote(`invalid RRULE '${text()}' (${errorMessage(error)}); only the first occurrence is kept`),
    );
    return null;
  }
}

/**
 * A wall time no later than that of any instant in the window, in the series' zone: where a rule's
 * iteration may start. The window's first day holds the smallest offset that matters; the instants
 * after it are later wall times still (offsets never move by a day).
 */
function earliestLocalMsInWindow(start: ZonedValue, window: ExpansionWindow): number {
  return window.fromMs + smallestOffsetWithinDay(start.zone.rules, window.fromMs);
}

/**
 * The occurrences of a series (DTSTART, RRULE, RDATE minus EXDATE) whose start is in
 * [window.fromMs, window.toMs), leaving out the ones an override replaces, in start order: the first
 * `series.limit` of them. The rule is iterated no further than that (its occurrences come in order);
 * RDATEs, as many as the feed wrote, are merged in before the cut.
 */
export function expandSeries(
  series: SeriesInput,
  zones: CalendarZones,
  window: ExpansionWindow,
  problems: ProblemNote[],
): ExpandedSeries {
  const { start, limit } = series;
  const excluded = excludedOccurrences(series.exdates, start, zones, problems);
  const seen = new Set<number>();
  const occurrences: Occurrence[] = [];
  let inOrder = true;
  let ruleFull = false;
  const collect = (
    value: ZonedValue,
    startMs: number,
    periodEnd: EventTime | null,
    capped: boolean,
  ): boolean => {
    const key = occurrenceKey(value, startMs, start);
    if (seen.has(key)) return true;
    if (startMs < window.fromMs || startMs >= window.toMs) return true;
    if (series.overriddenKeys.has(key) || excluded.keys.has(key)) return true;
    if (!start.isDate && excluded.days.has(dayNumber(value.localMs))) return true;
    if (capped && occurrences.length >= limit) {
      ruleFull = true;
      return false;
    }
    seen.add(key);
    const last = occurrences[occurrences.length - 1];
    if (last && last.startMs > startMs) inOrder = false;
    occurrences.push({ key, start: value, startMs, periodEnd });
    return true;
  };

  // RFC 5545: DTSTART is the first occurrence, whether or not it matches the rule.
  collect(start, series.startMs, null, false);
  if (series.rule) {
    iterateRule(
      series.rule,
      start,
      window,
      (value, startMs, end) => collect(value, startMs, end, true),
      problems,
    );
  }
  const addRDate: AddOccurrence = (value, startMs, end) => collect(value, startMs, end, false);
  for (const property of series.rdates) addRDates(property, start, zones, addRDate, problems);
  if (!inOrder) occurrences.sort((a, b) => a.startMs - b.startMs);
  const truncated = ruleFull || occurrences.length > limit;
  if (occurrences.length > limit) occurrences.length = limit;
  return { occurrences, truncated };
}

function iterateRule(
  rule: PreparedRule,
  start: ZonedValue,
  window: ExpansionWindow,
  add: AddOccurrence,
  problems: ProblemNote[],
): void {
  const { until } = rule;
  const rules = start.zone.rules;
  const untilDay = until ? dayNumber(until.localMs) : 0;
  try {
    for (;;) {
      const localMs = rule.next();
      if (localMs === null) return;
      if (until) {
        // A date-time UNTIL on an all-day series (Outlook writes the last day's local midnight in UTC)
        // is compared with each day's start in the floating zone, as for timed occurrences.
        if (until.isDate) {
          if (dayNumber(localMs) > untilDay) return;
        } else if (until.utc) {
          // UNTIL in UTC: compare instants, converting only when the wall time is near it.
          if (localMs - OFFSET_MARGIN_MS > until.localMs) return;
          if (localMs + OFFSET_MARGIN_MS > until.localMs && localMsToUtcMs(rules, localMs) > until.localMs)
            return;
        } else if (localMs > until.localMs) {
          return;
        }
      }
      if (localMs - OFFSET_MARGIN_MS >= window.toMs) return;
      if (localMs + OFFSET_MARGIN_MS < window.fromMs) continue;
      if (!add({ isDate: start.isDate, localMs, zone: start.zone }, localMsToUtcMs(rules, localMs), null))
        return;
    }
  } catch (error) {
    problems.push(
      errorNote(
        error instanceof IterationCapReached
          ? `recurrence rule '${ruleText(rule.rrule)}' ${error.message}`
          : `recurrence rule '${ruleText(rule.rrule)}' failed (${errorMessage(error)}); later occurrences are missing`,
      ),
    );
  }
}

/** RDATE values: DATE, DATE-TIME (its own TZID or Z) or PERIOD (start/end or start/duration). */
function addRDates(
  property: JCalProperty,
  series: ZonedValue,
  zones: CalendarZones,
  add: AddOccurrence,
  problems: ProblemNote[],
): void {
  const tzid = parameterText(property, 'tzid');
  for (let i = 3; i < property.length; i++) {
    const raw = property[i];
    const period = Array.isArray(raw) ? raw : null;
    const timeValue = readTimeValue(period ? period[0] : raw);
    if (!timeValue) {
      problems.push(errorNote(`unreadable RDATE '${asWritten(raw)}'`));
      continue;
    }
    const value = asSeriesKind(placeValue(timeValue, tzid, zones, problems), series);
    const startMs = utcMsOf(value);
    add(value, startMs, period ? periodEndOf(period[1], value, startMs, tzid, zones, problems) : null);
  }
}

function periodEndOf(
  raw: unknown,
  start: ZonedValue,
  startMs: number,
  tzid: string | undefined,
  zones: CalendarZones,
  problems: ProblemNote[],
): EventTime | null {
  const explicitEnd = readTimeValue(raw);
  if (explicitEnd) {
    const end = placeValue(explicitEnd, tzid, zones, problems);
    const endMs = utcMsOf(end);
    return endMs >= startMs ? { kind: 'instant', utcMs: endMs, timeZone: end.zone.timeZone } : null;
  }
  const duration = readDuration(raw);
  if (!duration) {
    problems.push(warningNote(`unreadable RDATE period end '${String(raw)}'`));
    return null;
  }
  const dayShifted = localMsToUtcMs(start.zone.rules, start.localMs + duration.days * DAY_MS);
  return { kind: 'instant', utcMs: dayShifted + duration.exactMs, timeZone: start.zone.timeZone };
}

/** EXDATE values as occurrence keys; an all-day EXDATE of a timed series removes that local day. */
function excludedOccurrences(
  exdates: readonly JCalProperty[],
  series: ZonedValue,
  zones: CalendarZones,
  problems: ProblemNote[],
): { keys: Set<number>; days: Set<number> } {
  const keys = new Set<number>();
  const days = new Set<number>();
  for (const property of exdates) {
    const tzid = parameterText(property, 'tzid');
    for (let i = 3; i < property.length; i++) {
      const timeValue = readTimeValue(property[i]);
      if (!timeValue) {
        problems.push(warningNote(`unreadable EXDATE '${asWritten(property[i])}'`));
      } else if (timeValue.isDate && !series.isDate) {
        days.add(dayNumber(timeValue.localMs));
      } else {
        const value = asSeriesKind(placeValue(timeValue, tzid, zones, problems), series);
        keys.add(occurrenceKey(value, utcMsOf(value), series));
      }
    }
  }
  return { keys, days };
}

/**
 * A value of the other kind than the series (a DATE in a timed series, or the reverse) is read as
 * the series' own kind: the date at DTSTART's time of day, or the date of the date-time.
 */
export function asSeriesKind(value: ZonedValue, series: ZonedValue): ZonedValue {
  if (value.isDate === series.isDate) return value;
  const date = dayNumber(value.localMs) * DAY_MS;
  if (series.isDate) return { isDate: true, localMs: date, zone: series.zone };
  return {
    isDate: false,
    localMs: date + (series.localMs - dayNumber(series.localMs) * DAY_MS),
    zone: series.zone,
  };
}

/** The key of an occurrence starting at `value` (already of the series' kind). */
export function occurrenceKey(value: ZonedValue, startMs: number, series: ZonedValue): number {
  return series.isDate ? value.localMs : startMs;
}

/** RECURRENCE-ID text of an occurrence key: its original start as a UTC instant, or the date. */
export function recurrenceIdOf(key: number, series: ZonedValue): string {
  return series.isDate ? formatDate(key) : formatInstant(key);
}

/** An upper bound of UNTIL as local milliseconds (UTC times shifted by the widest offset). */
function untilBoundMs(until: TimeValue): number {
  return until.localMs + (until.isDate ? DAY_MS : until.utc ? OFFSET_MARGIN_MS : 0);
}

function floatingTime(localMs: number, isDate: boolean): ICAL.Time {
  const date = new Date(localMs);
  return ICAL.Time.fromData({
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    isDate,
  });
}

/**
 * ical.js has no limit on the candidates one next() may try for a rule that rarely matches, so the
 * caps are counted in its per-candidate check too (an own property shadowing the prototype's
 * method): the series' own, and the feed's.
 */
function cappedNext(iterator: ICAL.RecurIterator, budget: EventBudget): () => number | null {
  let steps = 0;
  const step = (): void => {
    if (++steps > MAX_ITERATIONS_PER_SERIES) {
      throw new IterationCapReached(`stopped after ${MAX_ITERATIONS_PER_SERIES} iterations`);
    }
    if (--budget.ruleIterations < 0) {
      throw new IterationCapReached(
        `stopped: the feed used up its ${MAX_RULE_ITERATIONS_PER_FEED} iterations for uncommon rules`,
      );
    }
  };
  const checkContractingRules = iterator.check_contracting_rules;
  iterator.check_contracting_rules = function countedCheck(this: ICAL.RecurIterator): boolean {
    step();
    return checkContractingRules.call(this);
  };
  return () => {
    step();
    const next = iterator.next();
    return next ? Date.UTC(next.year, next.month - 1, next.day, next.hour, next.minute, next.second) : null;
  };
}

function ruleText(rrule: Record<string, unknown>): string {
  return Object.entries(rrule)
    .map(([name, value]) => `${name.toUpperCase()}=${Array.isArray(value) ? value.join(',') : String(value)}`)
    .join(';');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
