import { describe, expect, it } from 'vitest';
import { positionOf, readBrowsePage } from '../../../shared/browse/read-browse-page.ts';
import type { StoredEvent } from '../../../shared/events/stored-event.ts';
import type { EventPagePosition, EventStore } from '../../../shared/store/event-store.ts';
import { storedEvent } from './browse-fixtures.ts';

/** A store over a sorted list that pages as the real one does (after a position, `next` when more follow). */
function listStore(events: readonly StoredEvent[]) {
  const calls: number[] = [];
  const store: Pick<EventStore, 'listPageStartingBetween'> = {
    async listPageStartingBetween(_from, _to, limit, after: EventPagePosition | null) {
      calls.push(limit);
      const rest = after ? events.filter((event) => positionOf(event).sortKey > after.sortKey) : [...events];
      const page = rest.slice(0, limit);
      const last = page.at(-1);
      return { events: page, next: rest.length > limit && last ? positionOf(last) : null };
    },
  };
  return { store, calls };
}

const events = Array.from({ length: 30 }, (_, index) =>
  storedEvent({
    id: `evt_${String(index).padStart(20, '0')}`,
    title: `Talk ${index}`,
    start: `2030-03-${String(1 + Math.floor(index / 2)).padStart(2, '0')}T18:00:00Z`,
    tags: index % 5 === 0 ? ['leadership'] : ['cloud'],
  }),
);
const window = { from: new Date('2030-03-01T00:00:00Z'), to: new Date('2030-04-01T00:00:00Z') };

describe('readBrowsePage', () => {
  it('is the store’s own page when nothing narrows', async () => {
    const { store } = listStore(events);
    const first = await readBrowsePage(store, { ...window, limit: 20, after: null, filter: {} });
    expect(first.events).toHaveLength(20);
    expect(first.next).toEqual(positionOf(events[19] as StoredEvent));
    const second = await readBrowsePage(store, { ...window, limit: 20, after: first.next, filter: {} });
    expect(second.events.map((event) => event.id)).toEqual(events.slice(20).map((event) => event.id));
    expect(second.next).toBeNull();
  });

  it('fills a filtered page across store pages, and its next starts after its last event', async () => {
    const { store } = listStore(events);
    const first = await readBrowsePage(store, {
      ...window,
      limit: 3,
      after: null,
      filter: { topic: 'leadership' },
    });
    expect(first.events.map((event) => event.title)).toEqual(['Talk 0', 'Talk 5', 'Talk 10']);
    const second = await readBrowsePage(store, {
      ...window,
      limit: 3,
      after: first.next,
      filter: { topic: 'leadership' },
    });
    expect(second.events.map((event) => event.title)).toEqual(['Talk 15', 'Talk 20', 'Talk 25']);
    expect(second.next).not.toBeNull();
    const third = await readBrowsePage(store, {
      ...window,
      limit: 3,
      after: second.next,
      filter: { topic: 'leadership' },
    });
    expect(third.events).toEqual([]);
    expect(third.next).toBeNull();
  });

  it('stops short after reading maxScanned events, with next where it stopped', async () => {
    const { store, calls } = listStore(events);
    const page = await readBrowsePage(store, {
      ...window,
      limit: 5,
      after: null,
      filter: { topic: 'data' },
      maxScanned: 12,
    });
    expect(page.events).toEqual([]);
    expect(page.scanned).toBe(12);
    expect(page.next).toEqual(positionOf(events[11] as StoredEvent));
    expect(calls).toEqual([12]);
  });
});
