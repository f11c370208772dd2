import { localMsToUtcMs } from '../../time/zoned-time.ts';
import type { EventTime } from '../raw-event.ts';
import { type CalendarZones, UTC_ZONE, type ZoneRef } from './calendar-zones.ts';
import {
  DAY_MS,
  dayNumber,
  formatDate,
  hasCalendarUnits,
  type NominalDuration,
  readDuration,
  readTimeValue,
  type TimeValue,
} from './ical-time-values.ts';
import { type JCalProperty, parameterText } from './jcal.ts';
import { errorNote, type ProblemNote, warningNote } from './problem-notes.ts';
import { writtenValueOf } from './written-time-values.ts';

/** A DATE or DATE-TIME with the zone it is read in (all-day dates sit in the floating zone). */
export interface ZonedValue {
  readonly isDate: boolean;
  /** The wall-clock reading, as "local milliseconds" (see TimeValue). */
  readonly localMs: number;
  readonly zone: ZoneRef;
}

/** How an event's (or each occurrence's) end follows from its start. */
export type EndRule =
  | { readonly kind: 'none' }
  | { readonly kind: 'days'; readonly days: number }
  /** `timeZone` undefined: the end is in the zone of the start (of each occurrence). */
  | { readonly kind: 'exact'; readonly ms: number; readonly timeZone?: string | null }
  | { readonly kind: 'duration'; readonly duration: NominalDuration };

const NO_END: EndRule = { kind: 'none' };
const ONE_DAY: EndRule = { kind: 'days', days: 1 };

/** The value of a DTSTART-like property in its zone; null (and a problem) when the value is unreadable. */
export function zonedProperty(
  property: JCalProperty,
  zones: CalendarZones,
  problems: ProblemNote[],
): ZonedValue | null {
  const value = readTimeValue(property[3]);
  if (!value) {
    // DTSTART or RECURRENCE-ID lost means the event is lost; the caller reads a bad DTEND as absent.
    const message = `unreadable ${property[0].toUpperCase()} '${writtenTime(property)}'`;
    problems.push(property[0] === 'dtend' ? warningNote(message) : errorNote(message));
    return null;
  }
  return placeValue(value, parameterText(property, 'tzid'), zones, problems);
}

/** Puts a value in its zone: Z → UTC, TZID → that zone (floating with a problem if unknown), else floating. */
export function placeValue(
  value: TimeValue,
  tzid: string | undefined,
  zones: CalendarZones,
  problems: ProblemNote[],
): ZonedValue {
  if (value.isDate || (tzid === undefined && !value.utc)) {
    return { isDate: value.isDate, localMs: value.localMs, zone: zones.floating };
  }
  if (value.utc) return { isDate: false, localMs: value.localMs, zone: UTC_ZONE };
  const zone = zones.byTzid(tzid as string);
  if (!zone) problems.push(warningNote(`unknown time zone '${tzid}'`));
  else if (zone.statedOffset)
    problems.push(warningNote(`unknown time zone '${tzid}'; read at its stated offset ${zone.statedOffset}`));
  return { isDate: false, localMs: value.localMs, zone: zone ?? zones.floating };
}

/** The instant the value starts at (an all-day date: midnight in its zone). */
export function utcMsOf(value: ZonedValue): number {
  return localMsToUtcMs(value.zone.rules, value.localMs);
}

export function eventTimeOf(value: ZonedValue, utcMs: number): EventTime {
  return value.isDate
    ? { kind: 'date', date: formatDate(value.localMs) }
    : { kind: 'instant', utcMs, timeZone: value.zone.timeZone };
}

/** The end rule from DTEND or DURATION relative to DTSTART (RFC 5545 3.6.1, 3.8.2.5). */
export function endRuleOf(
  start: ZonedValue,
  startMs: number,
  dtend: JCalProperty | null,
  durationValue: unknown,
  zones: CalendarZones,
  problems: ProblemNote[],
): EndRule {
  if (dtend) {
    const end = zonedProperty(dtend, zones, problems);
    if (end) {
      if (start.isDate) {
        const days = dayNumber(end.localMs) - dayNumber(start.localMs);
        // An all-day DTEND on (or before) DTSTART is read as a one-day event.
        return days > 1 ? { kind: 'days', days } : ONE_DAY;
      }
      const endMs = end.isDate ? localMsToUtcMs(start.zone.rules, end.localMs) : utcMsOf(end);
      if (endMs >= startMs) {
        // In the start's zone (the usual case) the end follows each occurrence's own zone.
        return end.isDate || end.zone === start.zone
          ? { kind: 'exact', ms: endMs - startMs }
          : { kind: 'exact', ms: endMs - startMs, timeZone: end.zone.timeZone };
      }
      problems.push(warningNote('DTEND is before DTSTART; end ignored'));
      return NO_END;
    }
  } else if (durationValue !== null && durationValue !== undefined) {
    const duration = readDuration(durationValue);
    if (!duration) {
      problems.push(
        warningNote(
          hasCalendarUnits(durationValue)
            ? `DURATION '${String(durationValue)}' counts months or years, which iCalendar durations cannot; end ignored`
            : `unreadable DURATION '${String(durationValue)}'`,
        ),
      );
    } else if (start.isDate) {
      if (duration.days * DAY_MS + duration.exactMs < 0)
        problems.push(warningNote('negative DURATION; end ignored'));
      return duration.days > 1 ? { kind: 'days', days: duration.days } : ONE_DAY;
    } else if (duration.days * DAY_MS + duration.exactMs >= 0) {
      return { kind: 'duration', duration };
    } else {
      problems.push(warningNote('negative DURATION; end ignored'));
      return NO_END;
    }
  }
  return start.isDate ? ONE_DAY : NO_END;
}

/**
 * The end of an event (or occurrence) starting at `start`: days of a DURATION are added in the
 * wall-clock time of the start's zone, hours/minutes/seconds in absolute time (RFC 5545 3.3.6).
 */
export function endOf(rule: EndRule, start: ZonedValue, startMs: number): EventTime | null {
  switch (rule.kind) {
    case 'none':
      return null;
    case 'days':
      return { kind: 'date', date: formatDate(start.localMs + rule.days * DAY_MS) };
    case 'exact':
      return {
        kind: 'instant',
        utcMs: startMs + rule.ms,
        timeZone: rule.timeZone === undefined ? start.zone.timeZone : rule.timeZone,
      };
    case 'duration': {
      const { days, exactMs } = rule.duration;
      const dayShifted =
        days === 0 ? startMs : localMsToUtcMs(start.zone.rules, start.localMs + days * DAY_MS);
      return { kind: 'instant', utcMs: dayShifted + exactMs, timeZone: start.zone.timeZone };
    }
  }
}

/** A time property's value as the feed wrote it, for a problem that quotes it. */
export function writtenTime(property: JCalProperty): string {
  return writtenValueOf(property) ?? asWritten(property[3]);
}

/** A garbled jCal date back in the form the feed wrote it ("2026-13-45T09:00:00" → "20261345T090000"). */
export function asWritten(value: unknown): string {
  return typeof value === 'string' ? value.replace(/[-:]/g, '').replace(/T$/, '') : String(value);
}
