import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { maxStoredDescriptionLength, type SourceEventContent } from '../../shared/events/event-content.ts';
import { planSourceSync } from '../../shared/events/plan-source-sync.ts';
import { canonicalIdFor, createEventStore, type EventStore } from '../../shared/store/event-store.ts';
import { eventDayPk } from '../../shared/store/keys/event-keys.ts';
import { sourceEventKey } from '../../shared/store/keys/source-event-keys.ts';
import { eventEntry } from '../support/event-entries.ts';
import { gaugeInFlight } from '../support/in-flight-gauge.ts';
import { createLocalTable, type LocalTable } from '../support/local-table.ts';
import { countRequests, type RequestCounter } from '../support/request-counter.ts';

const now = new Date('2030-03-01T12:00:00Z');
const windowFrom = new Date('2030-03-01T00:00:00Z');
const windowTo = new Date('2030-04-01T00:00:00Z');

let table: LocalTable;
let store: EventStore;
let requests: RequestCounter;

async function sync(sourceId: string, entries: SourceEventContent[], allowRemovals = true) {
  const previous = await store.loadSourceState(sourceId);
  const plan = planSourceSync(previous, entries, { now, allowRemovals });
  return store.applySourceSync(sourceId, plan, now);
}

const live = async () =>
  (await store.listStartingBetween(windowFrom, windowTo)).filter((event) => !event.removed);

beforeEach(async () => {
  table = await createLocalTable();
  store = createEventStore(table.documentClient, table.tableName);
  requests = countRequests(table.documentClient);
});

describe('event store', () => {
  it('stores new events and costs no writes when the feed is unchanged', async () => {
    const entries = [
      eventEntry('a'),
      eventEntry('b', { title: 'Kubernetes Meetup', start: '2030-03-05T18:00:00Z', end: null }),
      eventEntry('c', {
        title: 'AI Summit',
        start: '2030-03-20',
        end: '2030-03-22',
        allDay: true,
        timeZone: null,
      }),
    ];
    expect(await sync('src_a', entries)).toMatchObject({ created: 3, merged: 0, updated: 0, removed: 0 });
    expect((await live()).map((event) => event.title).sort()).toEqual([
      'AI Summit',
      'Kubernetes Meetup',
      'Women in Cloud Breakfast',
    ]);

    requests.reset();
    expect(await sync('src_a', entries)).toMatchObject({ created: 0, updated: 0, removed: 0, unchanged: 3 });
    expect(requests.writes()).toBe(0);
  });

  it('updates the canonical event and its start-day index when the source moves it', async () => {
    await sync('src_a', [eventEntry('a')]);
    const moved = eventEntry('a', {
      start: '2030-03-19T07:00:00Z',
      end: '2030-03-19T08:30:00Z',
      title: 'Women in Cloud Breakfast (new date)',
    });
    expect(await sync('src_a', [moved])).toMatchObject({ updated: 1 });

    const event = await store.get(canonicalIdFor('src_a', 'a'));
    expect(event).toMatchObject({
      title: 'Women in Cloud Breakfast (new date)',
      start: '2030-03-19T07:00:00Z',
    });
    expect(
      await store.listStartingBetween(new Date('2030-03-12T00:00:00Z'), new Date('2030-03-13T00:00:00Z')),
    ).toEqual([]);
    expect(
      (
        await store.listStartingBetween(new Date('2030-03-19T00:00:00Z'), new Date('2030-03-20T00:00:00Z'))
      ).map((e) => e.id),
    ).toEqual([canonicalIdFor('src_a', 'a')]);
  });

  it('keeps one event for the same event listed by two sources, with both links', async () => {
    await sync('src_a', [eventEntry('a')]);
    const fromOtherFeed = eventEntry('x', {
      title: 'Women in cloud breakfast!',
      start: '2030-03-12T07:15:00Z',
      url: 'https://other.example/wic',
    });
    expect(await sync('src_b', [fromOtherFeed])).toMatchObject({ created: 0, merged: 1 });

    const events = await live();
    expect(events).toHaveLength(1);
    expect(events[0]?.sources).toEqual([
      { sourceId: 'src_a', sourceEventId: 'a', url: 'https://example.org/a' },
      { sourceId: 'src_b', sourceEventId: 'x', url: 'https://other.example/wic' },
    ]);
    expect(events[0]?.primarySourceId).toBe('src_a');
  });

  it('merges events 30 minutes apart across a slot boundary, but not 31 minutes apart or in another city', async () => {
    await sync('src_a', [eventEntry('a', { start: '2030-03-12T07:29:00Z' })]);
    await sync('src_b', [eventEntry('x', { start: '2030-03-12T07:59:00Z' })]);
    await sync('src_c', [eventEntry('y', { start: '2030-03-12T08:00:00Z' })]);
    await sync('src_d', [
      eventEntry('z', { place: { name: null, address: null, city: 'Munich', country: null } }),
    ]);
    const events = await live();
    expect(events).toHaveLength(3);
    expect(
      events.find((event) => event.id === canonicalIdFor('src_a', 'a'))?.sources.map((s) => s.sourceId),
    ).toEqual(['src_a', 'src_b']);
  });

  it('merges online events wherever their organizers are', async () => {
    const online = { online: true, place: null, location: null };
    await sync('src_a', [eventEntry('a', { ...online })]);
    await sync('src_b', [
      eventEntry('x', { ...online, place: { name: null, address: null, city: 'Paris', country: null } }),
    ]);
    expect(await live()).toHaveLength(1);
  });

  it('never merges two entries of the same source', async () => {
    await sync('src_a', [eventEntry('a'), eventEntry('a2', { start: '2030-03-12T07:10:00Z' })]);
    await sync('src_a', [
      eventEntry('a'),
      eventEntry('a2', { start: '2030-03-12T07:10:00Z' }),
      eventEntry('a3', { start: '2030-03-12T07:20:00Z' }),
    ]);
    expect(await live()).toHaveLength(3);
  });

  it('marks an event removed when its only source drops it before it starts', async () => {
    await sync('src_a', [eventEntry('a'), eventEntry('b', { title: 'Other' })]);
    expect(await sync('src_a', [eventEntry('b', { title: 'Other' })])).toMatchObject({
      removed: 1,
      unchanged: 1,
    });
    expect(await store.get(canonicalIdFor('src_a', 'a'))).toMatchObject({ removed: true, sources: [] });
    expect((await live()).map((event) => event.title)).toEqual(['Other']);
  });

  it('keeps an event when its source drops it but the parse had problems', async () => {
    await sync('src_a', [eventEntry('a'), eventEntry('b', { title: 'Other' })]);
    expect(await sync('src_a', [eventEntry('b', { title: 'Other' })], false)).toMatchObject({ removed: 0 });
    expect(await live()).toHaveLength(2);
  });

  it('promotes the other source when the primary source drops a shared event', async () => {
    await sync('src_a', [eventEntry('a')]);
    await sync('src_b', [
      eventEntry('x', { description: 'As told by the second feed.', url: 'https://other.example/wic' }),
    ]);
    await sync('src_a', [eventEntry('other', { title: 'Something else', start: '2030-03-25T10:00:00Z' })]);

    const shared = await store.get(canonicalIdFor('src_a', 'a'));
    expect(shared).toMatchObject({
      removed: false,
      primarySourceId: 'src_b',
      description: 'As told by the second feed.',
      url: 'https://other.example/wic',
      sources: [{ sourceId: 'src_b', sourceEventId: 'x', url: 'https://other.example/wic' }],
    });
  });

  it('brings a removed event back when its source lists it again', async () => {
    await sync('src_a', [eventEntry('a'), eventEntry('b', { title: 'Other' })]);
    await sync('src_a', [eventEntry('b', { title: 'Other' })]);
    expect(await sync('src_a', [eventEntry('a'), eventEntry('b', { title: 'Other' })])).toMatchObject({
      updated: 1,
    });
    expect(await store.get(canonicalIdFor('src_a', 'a'))).toMatchObject({
      removed: false,
      sources: [{ sourceId: 'src_a' }],
    });
  });

  it('does not create a second event when an ingest is retried after a crash before the source entries were written', async () => {
    await sync('src_a', [eventEntry('a'), eventEntry('b', { title: 'Other' })]);
    // The crash: canonical items written, source entries lost.
    for (const id of ['a', 'b']) {
      await table.documentClient.send(
        new DeleteCommand({ TableName: table.tableName, Key: sourceEventKey('src_a', id) }),
      );
    }
    expect(await sync('src_a', [eventEntry('a'), eventEntry('b', { title: 'Other' })])).toMatchObject({
      created: 2,
      merged: 0,
    });
    expect((await live()).map((event) => event.id).sort()).toEqual(
      [canonicalIdFor('src_a', 'a'), canonicalIdFor('src_a', 'b')].sort(),
    );
  });
});

describe('reading a window of events', () => {
  const dayMs = 86_400_000;
  const from = new Date('2030-03-01T00:00:00Z');
  const to = new Date(from.getTime() + 56 * dayMs);
  const crowdedDay = '2030-03-20';
  const isoDay = (offset: number) => new Date(from.getTime() + offset * dayMs).toISOString().slice(0, 10);

  /** Pages one Query of a day's start-day partition takes, counted by following LastEvaluatedKey by hand. */
  async function pagesOfDay(day: string): Promise<number> {
    let pages = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await table.documentClient.send(
        new QueryCommand({
          TableName: table.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :day',
          ExpressionAttributeValues: { ':day': eventDayPk(day) },
          ExclusiveStartKey: startKey,
        }),
      );
      pages += 1;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return pages;
  }

  it('returns every event of a 56-day window once in start order, a day of more than one page included, reading at most 8 days at once', async () => {
    const inside: SourceEventContent[] = [];
    for (let offset = 0; offset < 56; offset += 1) {
      const hour = String((offset * 5) % 24).padStart(2, '0');
      inside.push(
        eventEntry(`day-${offset}`, {
          title: `Meetup ${offset}`,
          start: `${isoDay(offset)}T${hour}:30:00Z`,
          end: null,
        }),
      );
      if (offset % 7 === 3) {
        inside.push(
          eventEntry(`all-day-${offset}`, {
            title: `Conference ${offset}`,
            start: isoDay(offset),
            end: isoDay(offset + 2),
            allDay: true,
            timeZone: null,
          }),
        );
      }
    }
    // More than DynamoDB's 1 MB page on one day: 300 events with descriptions as long as the store keeps.
    for (let index = 0; index < 300; index += 1) {
      const minutes = 6 * 60 + index * 3;
      const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      inside.push(
        eventEntry(`crowded-${index}`, {
          title: `Talk ${index}`,
          description: `Talk ${index}. `.padEnd(maxStoredDescriptionLength, 'An evening of short talks. '),
          start: `${crowdedDay}T${time}:00Z`,
          end: null,
        }),
      );
    }
    const outside = [
      eventEntry('just-before', { title: 'Late show', start: '2030-02-28T23:59:59Z' }),
      eventEntry('at-the-end', { title: 'Early bird', start: to.toISOString().replace('.000Z', 'Z') }),
      eventEntry('day-after', {
        title: 'Next summit',
        start: isoDay(56),
        allDay: true,
        end: null,
        timeZone: null,
      }),
    ];
    await sync('src_a', [...inside, ...outside]);
    const crowdedPages = await pagesOfDay(crowdedDay);
    expect(crowdedPages).toBeGreaterThan(1);

    const instant = (start: string) => Date.parse(start.length === 10 ? `${start}T00:00:00Z` : start);
    const inStartOrder = [...inside]
      .sort((a, b) => instant(a.content.start) - instant(b.content.start))
      .map((entry) => canonicalIdFor('src_a', entry.sourceEventId));
    const inFlight = gaugeInFlight(table.documentClient);
    requests.reset();

    const events = await store.listStartingBetween(from, to);

    expect(events.map((event) => event.id)).toEqual(inStartOrder);
    // One Query per day, and the crowded day's further pages.
    expect(requests.byCommand()).toEqual({ QueryCommand: 56 + crowdedPages - 1 });
    expect(inFlight.max()).toBe(8);
  });

  it('reads a page day by day from the first day alone, widening to 8 days a round, and stops once the page is full', async () => {
    // Three events on each of the first 20 days.
    const entries = Array.from({ length: 60 }, (_, index) =>
      eventEntry(`e-${index}`, {
        title: `Meetup ${index}`,
        start: `${isoDay(Math.floor(index / 3))}T${String(9 + (index % 3)).padStart(2, '0')}:00:00Z`,
        end: null,
      }),
    );
    await sync('src_a', entries);
    const inFlight = gaugeInFlight(table.documentClient);

    // A page the first day fills: one Query, and nothing in parallel with it.
    requests.reset();
    inFlight.reset();
    const first = await store.listPageStartingBetween(from, to, 2, null);
    expect(first.events.map((event) => event.title)).toEqual(['Meetup 0', 'Meetup 1']);
    expect(first.next).not.toBeNull();
    expect(requests.byCommand()).toEqual({ QueryCommand: 1 });
    expect(inFlight.max()).toBe(1);

    // 40 events and one more (to know of a next page) need 14 days: rounds of 1, 2, 4 and 8 days read 15.
    requests.reset();
    inFlight.reset();
    const wider = await store.listPageStartingBetween(from, to, 40, null);
    expect(wider.events).toHaveLength(40);
    expect(wider.next).not.toBeNull();
    expect(requests.byCommand()).toEqual({ QueryCommand: 15 });
    expect(inFlight.max()).toBe(8);

    // An empty stretch is read to the end of the window, 8 days at a time after the first rounds.
    requests.reset();
    const all = await store.listPageStartingBetween(from, to, 500, null);
    expect(all.events).toHaveLength(60);
    expect(all.next).toBeNull();
    expect(requests.byCommand()).toEqual({ QueryCommand: 56 });
  });

  it('counts a window from its instant: earlier events and all-day events of its first day are left out', async () => {
    await sync('src_a', [
      eventEntry('early', { title: 'Breakfast', start: '2030-03-05T08:00:00Z' }),
      eventEntry('all-day', {
        title: 'Summit',
        start: '2030-03-05',
        end: null,
        allDay: true,
        timeZone: null,
      }),
      eventEntry('noon', { title: 'Lunch talk', start: '2030-03-05T12:00:00Z' }),
      eventEntry('next-day', { title: 'Dinner', start: '2030-03-06T19:00:00Z' }),
    ]);
    const events = await store.listStartingBetween(
      new Date('2030-03-05T12:00:00Z'),
      new Date('2030-03-06T19:00:00Z'),
    );
    expect(events.map((event) => event.title)).toEqual(['Lunch talk']);
  });
});
