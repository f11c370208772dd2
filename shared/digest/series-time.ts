import { type EventTiming, formatEventTime, type TimeFormatOptions } from './format-event-time.ts';
import { readStoredTime, type StoredTime } from './stored-time.ts';
import { calendarDateParts, knownTimeZone, type ZonedDateParts, zonedDateParts } from './zoned-date-parts.ts';

const WEEKDAY_PLURALS: Readonly<Record<string, string>> = {
  Mon: 'Mondays',
  Tue: 'Tuesdays',
  Wed: 'Wednesdays',
  Thu: 'Thursdays',
  Fri: 'Fridays',
  Sat: 'Saturdays',
  Sun: 'Sundays',
};

/**
 * The dates of a recurring series on one line, in the reader's zone: "Wednesdays: 9, 16 Dec,
 * 19:00–21:00 CET"; on different weekdays "Tue 8, Thu 10 Dec, 19:00 CET"; at different times each
 * occurrence in full, separated by semicolons. One occurrence is formatted as a single event.
 */
export function seriesTimeText(
  occurrences: readonly EventTiming[],
  timeZone: string,
  options: TimeFormatOptions = {},
): string {
  const [first] = occurrences;
  if (!first) return '';
  if (occurrences.length === 1) return formatEventTime(first, timeZone, options);
  const zone = knownTimeZone(timeZone);
  const read = occurrences.map((occurrence) => ({ occurrence, start: readStoredTime(occurrence.start) }));
  const days: ZonedDateParts[] = [];
  for (const { start } of read) {
    if (!start) return joined(occurrences, timeZone, options);
    days.push(partsOf(start, zone));
  }
  const times = new Set(occurrences.map((occurrence) => timeOfDay(occurrence, zone)));
  if (times.size > 1) return joined(occurrences, timeZone, options);
  const [time = ''] = times;
  const reference = options.referenceYear ?? days[0]?.year ?? 0;
  const weekdays = new Set(days.map((day) => day.weekday));
  const [weekday = ''] = weekdays;
  const dates =
    weekdays.size === 1
      ? `${WEEKDAY_PLURALS[weekday] ?? weekday}: ${dayList(days, reference, false)}`
      : dayList(days, reference, true);
  return time ? `${dates}, ${time}` : dates;
}

/** "9, 16 Dec", "30 Dec, 6 Jan 2027"; with weekdays "Tue 8, Thu 10 Dec". */
function dayList(days: readonly ZonedDateParts[], reference: number, withWeekday: boolean): string {
  const parts: string[] = [];
  days.forEach((day, index) => {
    const next = days[index + 1];
    const sameMonthNext = next !== undefined && next.month === day.month && next.year === day.year;
    const label = withWeekday ? `${day.weekday} ${day.day}` : String(day.day);
    if (sameMonthNext) parts.push(label);
    else parts.push(`${label} ${day.monthName}${day.year === reference ? '' : ` ${day.year}`}`);
  });
  return parts.join(', ');
}

/** The clock part shared by every occurrence: "19:00–21:00 CET", "19:00 CET", or '' for all-day. */
function timeOfDay(timing: EventTiming, zone: string): string {
  const start = readStoredTime(timing.start);
  if (!start || timing.allDay || start.kind === 'date') return '';
  const from = zonedDateParts(start.ms, zone);
  const end = timing.end === null ? null : readStoredTime(timing.end);
  if (end?.kind !== 'instant' || end.ms <= start.ms) return `${from.time} ${from.zoneLabel}`;
  const to = zonedDateParts(end.ms, zone);
  if (to.day !== from.day || to.zoneLabel !== from.zoneLabel) return `${from.time} ${from.zoneLabel}`;
  return `${from.time}–${to.time} ${to.zoneLabel}`;
}

function partsOf(time: StoredTime, zone: string): ZonedDateParts {
  return time.kind === 'date'
    ? calendarDateParts(time.year, time.month, time.day)
    : zonedDateParts(time.ms, zone);
}

function joined(occurrences: readonly EventTiming[], timeZone: string, options: TimeFormatOptions): string {
  return occurrences.map((occurrence) => formatEventTime(occurrence, timeZone, options)).join('; ');
}
