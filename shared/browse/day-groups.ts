import { formatDay } from '../digest/format-event-time.ts';
import { readStoredTime } from '../digest/stored-time.ts';
import { knownTimeZone, zonedDateParts } from '../digest/zoned-date-parts.ts';
import type { BrowseRow } from './series-rows.ts';

/*
 * Rows grouped by the day they start on in the reader's zone (an all-day event on its own date),
 * in order, each day with its heading: "Today · Wed 2 Dec", "Tomorrow · Thu 3 Dec", "Sat 5 Dec".
 */

export interface DayGroup {
  /** `YYYY-MM-DD` in the reader's zone. */
  readonly date: string;
  readonly heading: string;
  readonly rows: readonly BrowseRow[];
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The reader's calendar date of a stored start (`YYYY-MM-DD`), or the value itself when unreadable. */
export function localDateOf(start: string, timeZone: string): string {
  const time = readStoredTime(start);
  if (!time) return start.slice(0, 10);
  if (time.kind === 'date') return `${time.year}-${pad(time.month)}-${pad(time.day)}`;
  const parts = zonedDateParts(time.ms, knownTimeZone(timeZone));
  return `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`;
}

const nextDate = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export function groupByDay(rows: readonly BrowseRow[], timeZone: string, now: Date): DayGroup[] {
  const today = localDateOf(now.toISOString(), timeZone);
  const tomorrow = nextDate(today);
  const groups: { date: string; heading: string; rows: BrowseRow[] }[] = [];
  for (const row of rows) {
    const date = localDateOf(row.event.start, timeZone);
    let group = groups.at(-1);
    if (group?.date !== date) {
      // Rows come in start order; an earlier day seen again (an all-day event) joins its group.
      const known = groups.find((one) => one.date === date);
      if (known) group = known;
      else {
        const day = formatDay(date, timeZone);
        const heading = date === today ? `Today · ${day}` : date === tomorrow ? `Tomorrow · ${day}` : day;
        group = { date, heading, rows: [] };
        groups.push(group);
      }
    }
    group.rows.push(row);
  }
  return groups.sort((a, b) => a.date.localeCompare(b.date));
}
