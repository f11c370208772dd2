import ICAL from 'ical.js';
import { localMsToUtcMs } from '../../time/zoned-time.ts';
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
import { IterationCapReached, simpleRuleCursor } from './simple-rule.ts';

/** Iterations one series may cost (hostile rules such as FREQ=SECONDLY from 1900 included). */
export const MAX_ITERATIONS_PER_SERIES = 100_000;
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
}

type AddOccurrence = (start: ZonedValue, startMs: number, periodEnd: EventTime | null) => void;

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
    window.fromMs - OFFSET_MARGIN_MS,
  );
  if (simple) return { next: simple, until, rrule };
  try {
    const recur = ICAL.Recur.fromData({
      ...parts,
      // A loose upper bound keeps ical.js's own searches short; the exact UNTIL test is ours.
      ...(until ? { until: floatingTime(untilBoundMs(until), false) } : {}),
    } as ConstructorParameters<typeof ICAL.Recur>[0]);
    const iterator = recur.iterator(floatingTime(start.localMs, start.isDate));
    return { next: cappedNext(iterator), until, rrule };
  } catch (error) {
    problems.push(
      errorNote(`invalid RRULE '${text()}' (${errorMessage(error)}); only the first occurrence is kept`),
    );
    return null;
  }
}

/**
 * The occurrences of a series (DTSTART, RRULE, RDATE minus EXDATE) whose start is in
 * [window.fromMs, window.toMs), leaving out the ones an override replaces, in start order.
 */
export function expandSeries(
  series: SeriesInput,
  zones: CalendarZones,
  window: ExpansionWindow,
  problems: ProblemNote[],
): Occurrence[] {
  const { start } = series;
  const excluded = excludedOccurrences(series.exdates, start, zones, problems);
  const seen = new Set<number>();
  const occurrences: Occurrence[] = [];
  let inOrder = true;
  const add: AddOccurrence = (value, startMs, periodEnd) => {
    const key = occurrenceKey(value, startMs, start);
    if (seen.has(key)) return;
    seen.add(key);
    if (startMs < window.fromMs || startMs >= window.toMs) return;
    if (series.overriddenKeys.has(key) || excluded.keys.has(key)) return;
    if (!start.isDate && excluded.days.has(dayNumber(value.localMs))) return;
    const last = occurrences[occurrences.length - 1];
    if (last && last.startMs > startMs) inOrder = false;
    occurrences.push({ key, start: value, startMs, periodEnd });
  };

  // RFC 5545: DTSTART is the first occurrence, whether or not it matches the rule.
  add(start, series.startMs, null);
  if (series.rule) iterateRule(series.rule, start, window, add, problems);
  for (const property of series.rdates) addRDates(property, start, zones, add, problems);
  if (!inOrder) occurrences.sort((a, b) => a.startMs - b.startMs);
  return occurrences;
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
        if (until.isDate || start.isDate) {
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
      add({ isDate: start.isDate, localMs, zone: start.zone }, localMsToUtcMs(rules, localMs), null);
    }
  } catch (error) {
    problems.push(
      errorNote(
        error instanceof IterationCapReached
          ? `recurrence rule '${ruleText(rule.rrule)}' stopped after ${MAX_ITERATIONS_PER_SERIES} iterations`
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
 * cap is counted in its per-candidate check too (an own property shadowing the prototype's method).
 */
function cappedNext(iterator: ICAL.RecurIterator): () => number | null {
  let steps = 0;
  const checkContractingRules = iterator.check_contracting_rules;
  iterator.check_contracting_rules = function countedCheck(this: ICAL.RecurIterator): boolean {
    if (++steps > MAX_ITERATIONS_PER_SERIES) throw new IterationCapReached();
    return checkContractingRules.call(this);
  };
  return () => {
    if (++steps > MAX_ITERATIONS_PER_SERIES) throw new IterationCapReached();
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
