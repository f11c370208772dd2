import type { StoredEvent } from './stored-event.ts';

/** One row of a listing: the next occurrence of an event or series, and how many more follow in the list. */
export interface SeriesRow {
  readonly event: StoredEvent;
  readonly laterOccurrences: number;
}

/**
 * A weekly meetup is one row, not eight. Occurrences of a series are told apart from other events by
 * their source and title (canonical events keep no series id), which also folds a feed that lists the
 * same title every day. Rows keep the order of their first occurrence; at most `maxRows`.
 */
export function collapseSeries(events: readonly StoredEvent[], maxRows: number): SeriesRow[] {
  const rows = new Map<string, { event: StoredEvent; laterOccurrences: number }>();
  for (const event of events) {
    const key = seriesKey(event);
    const row = rows.get(key);
    if (row) row.laterOccurrences += 1;
    else if (rows.size < maxRows) rows.set(key, { event, laterOccurrences: 0 });
  }
  return [...rows.values()];
}

/**
 * For lists that must show occurrences (a calendar feed): at most `maxPerSeries` of each series, in
 * the order given, so one series repeating every minute cannot crowd out everything else.
 */
export function limitPerSeries(events: readonly StoredEvent[], maxPerSeries: number): StoredEvent[] {
  const counts = new Map<string, number>();
  return events.filter((event) => {
    const key = seriesKey(event);
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    return count <= maxPerSeries;
  });
}

const seriesKey = (event: StoredEvent) => `${event.primarySourceId}\u0000${event.title.trim().toLowerCase()}`;
