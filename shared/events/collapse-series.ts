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
    const key = `${event.primarySourceId}\u0000${event.title.trim().toLowerCase()}`;
    const row = rows.get(key);
    if (row) row.laterOccurrences += 1;
    else if (rows.size < maxRows) rows.set(key, { event, laterOccurrences: 0 });
  }
  return [...rows.values()];
}
