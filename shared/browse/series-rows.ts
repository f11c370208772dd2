import { formatDay } from '../digest/format-event-time.ts';
import { readStoredTime } from '../digest/stored-time.ts';
import { knownTimeZone, zonedDateParts } from '../digest/zoned-date-parts.ts';
import type { StoredEvent } from '../events/stored-event.ts';

/*
 * A listing shows a recurring series once: one row at its next occurrence, saying how it repeats
 * ("every Wednesday, 19:00 · next Wed 9 Dec") when the occurrences at hand show a rhythm (every day,
 * every week, every other week, at one local time), or how many dates follow when they do not.
 * Occurrences are told apart as collapseSeries tells them (source and title: canonical events keep
 * no series id). Plain functions over plain data.
 */

export interface BrowseRow {
  /** The next occurrence (the first in the list). */
  readonly event: StoredEvent;
  /** Every occurrence in the list, the first included, in list order. */
  readonly occurrences: readonly StoredEvent[];
}

const seriesKey = (event: StoredEvent) => `${event.primarySourceId}\u0000${event.title.trim().toLowerCase()}`;

/** Events (in start order) as rows, a series as one row at its first occurrence; at most `maxRows`. */
export function browseRowsOf(
  events: readonly StoredEvent[],
  maxRows = Number.POSITIVE_INFINITY,
): BrowseRow[] {
  const rows = new Map<string, { event: StoredEvent; occurrences: StoredEvent[] }>();
  for (const event of events) {
    const key = seriesKey(event);
    const row = rows.get(key);
    if (row) row.occurrences.push(event);
    else if (rows.size < maxRows) rows.set(key, { event, occurrences: [event] });
  }
  return [...rows.values()];
}

const DAY_MS = 86_400_000;
const WEEKDAY_NAMES: Readonly<Record<string, string>> = {
  Mon: 'Monday',
  Tue: 'Tuesday',
  Wed: 'Wednesday',
  Thu: 'Thursday',
  Fri: 'Friday',
  Sat: 'Saturday',
  Sun: 'Sunday',
};

/** Local calendar day number of an instant in a zone (days since the epoch), for day gaps across DST. */
function localDayNumber(ms: number, zone: string): number {
  const parts = zonedDateParts(ms, zone);
  return Math.round(Date.UTC(parts.year, parts.month - 1, parts.day) / DAY_MS);
}

/**
 * How a series repeats, in the reader's zone: "every Wednesday, 19:00", "every other Monday, 18:30",
 * "every day, 07:00"; null with fewer than two timed occurrences, or without one rhythm and one time.
 */
export function seriesRhythm(occurrences: readonly StoredEvent[], timeZone: string): string | null {
  if (occurrences.length < 2) return null;
  const zone = knownTimeZone(timeZone);
  const local: { day: number; time: string; weekday: string }[] = [];
  for (const occurrence of occurrences) {
    const start = readStoredTime(occurrence.start);
    if (occurrence.allDay || start?.kind !== 'instant') return null;
    const parts = zonedDateParts(start.ms, zone);
    local.push({ day: localDayNumber(start.ms, zone), time: parts.time, weekday: parts.weekday });
  }
  const first = local[0];
  if (!first || local.some((one) => one.time !== first.time)) return null;
  const gaps = local.slice(1).map((one, index) => one.day - (local[index]?.day ?? one.day));
  if (gaps.every((gap) => gap === 1)) return `every day, ${first.time}`;
  const weekday = WEEKDAY_NAMES[first.weekday] ?? first.weekday;
  if (gaps.every((gap) => gap === 14)) return `every other ${weekday}, ${first.time}`;
  // Weekly, a skipped week (a holiday) allowed: every gap a whole number of weeks, the smallest one week.
  if (gaps.every((gap) => gap > 0 && gap % 7 === 0) && Math.min(...gaps) === 7)
    return `every ${weekday}, ${first.time}`;
  return null;
}

/** What a row says about its series: "every Wednesday, 19:00 · next Wed 9 Dec", or null for a single event. */
export function seriesLine(row: BrowseRow, timeZone: string): string | null {
  if (row.occurrences.length < 2) return null;
  const rhythm = seriesRhythm(row.occurrences, timeZone);
  const next = formatDay(row.event.start, timeZone);
  const more = row.occurrences.length - 1;
  return rhythm ? `${rhythm} · next ${next}` : `next ${next}, and ${more} more date${more === 1 ? '' : 's'}`;
}
