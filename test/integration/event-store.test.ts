import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SourceEventContent } from '../../shared/events/event-content.ts';
import { planSourceSync } from '../../shared/events/plan-source-sync.ts';
import { canonicalIdFor, createEventStore, type EventStore } from '../../shared/store/event-store.ts';
import { sourceEventKey } from '../../shared/store/keys/source-event-keys.ts';
import { eventEntry } from '../support/event-entries.ts';
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
