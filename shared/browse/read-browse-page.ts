import type { StoredEvent } from '../events/stored-event.ts';
import type { EventPagePosition, EventStore } from '../store/event-store.ts';
import { eventDaySk } from '../store/keys/event-keys.ts';
import { type BrowseFilter, isUnfiltered, matchesBrowseFilter } from './browse-filter.ts';

/*
 * One page of the events in a window that pass a filter, read from the start-day index page by page
 * (the index knows only start days, so the filter runs here). A page ends when it holds `limit`
 * events, or when `maxScanned` events were read without filling it: then it ends short, with `next`
 * where the reading stopped, so a rare filter over a full window never reads the whole window in
 * one request. Unfiltered, a page is exactly the store's page.
 */

export interface BrowsePageRequest {
  readonly from: Date;
  readonly to: Date;
  readonly limit: number;
  readonly after: EventPagePosition | null;
  readonly filter: BrowseFilter;
  /** Most events read for one page (default 2,000). */
  readonly maxScanned?: number;
}

export interface BrowsePage {
  readonly events: StoredEvent[];
  /** Where the next page starts; null when the window is read to its end. */
  readonly next: EventPagePosition | null;
  readonly scanned: number;
}

/** The index position of an event: the page after it starts after it. */
export const positionOf = (event: Pick<StoredEvent, 'start' | 'id'>): EventPagePosition => ({
  day: event.start.slice(0, 10),
  sortKey: eventDaySk(event.start, event.id),
});

const defaultMaxScanned = 2_000;
const filteredBatch = 250;

export async function readBrowsePage(
  events: Pick<EventStore, 'listPageStartingBetween'>,
  request: BrowsePageRequest,
): Promise<BrowsePage> {
  const maxScanned = request.maxScanned ?? defaultMaxScanned;
  const found: StoredEvent[] = [];
  let after = request.after;
  let scanned = 0;
  // A filter passes only some events: read more than the page at a time (fewer round trips).
  const wanted = isUnfiltered(request.filter) ? request.limit : Math.max(request.limit, filteredBatch);
  for (;;) {
    const batch = Math.max(1, Math.min(wanted, maxScanned - scanned));
    const page = await events.listPageStartingBetween(request.from, request.to, batch, after);
    for (const [index, event] of page.events.entries()) {
      scanned += 1;
      if (matchesBrowseFilter(event, request.filter)) found.push(event);
      const lastOfWindow = page.next === null && index === page.events.length - 1;
      if (found.length >= request.limit)
        return { events: found, next: lastOfWindow ? null : positionOf(event), scanned };
    }
    if (page.next === null) return { events: found, next: null, scanned };
    after = page.next;
    if (scanned >= maxScanned) return { events: found, next: after, scanned };
  }
}
