import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchFeed } from '../../shared/feeds/fetch-feed.ts';
import { type IngestDependencies, ingestSource } from '../../shared/ingest/ingest-source.ts';
import { silentLogger } from '../../shared/log/logger.ts';
import { buildSource } from '../../shared/sources/new-source.ts';
import type { Source } from '../../shared/sources/source.ts';
import { createEventStore } from '../../shared/store/event-store.ts';
import { createSourceRepository } from '../../shared/store/source-repository.ts';
import { createLocalTable } from '../support/local-table.ts';
import { countRequests, type RequestCounter } from '../support/request-counter.ts';

/** A publisher on loopback whose feed, status and validators each test sets. */
const publisher = {
  status: 200,
  body: '',
  contentType: 'text/calendar',
  etag: '"v1"',
  requests: 0,
  conditionalRequests: 0,
};
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((request, response) => {
    publisher.requests += 1;
    if (request.url === '/metadata-redirect') {
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      return;
    }
    if (request.headers['if-none-match']) publisher.conditionalRequests += 1;
    if (publisher.status === 200 && request.headers['if-none-match'] === publisher.etag) {
      response.writeHead(304, { etag: publisher.etag }).end();
      return;
    }
    response.writeHead(publisher.status, { 'content-type': publisher.contentType, etag: publisher.etag });
    response.end(publisher.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const now = new Date('2030-03-01T09:00:00Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

function vevent(uid: string, summary: string, start: string, extra = ''): string {
  return `BEGIN:VEVENT\r\nUID:${uid}\r\nDTSTAMP:20300101T000000Z\r\nDTSTART;TZID=Europe/Berlin:${start}\r\nDURATION:PT2H\r\nSUMMARY:${summary}\r\nLOCATION:Kulturbrauerei, Schönhauser Allee 36, 10435 Berlin, Germany\r\n${extra}END:VEVENT\r\n`;
}
const calendar = (...events: string[]) =>
  `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n${events.join('')}END:VCALENDAR\r\n`;

const meetup = vevent('meetup@test', 'Kubernetes Meetup', '20300305T190000');
const workshop = vevent('workshop@test', 'Leadership Workshop', '20300310T100000');
const weekly = vevent(
  'weekly@test',
  'Weekly Office Hours',
  '20300324T120000',
  'RRULE:FREQ=WEEKLY;COUNT=3\r\n',
);

let deps: IngestDependencies;
let source: Source;
let requests: RequestCounter;
let events: ReturnType<typeof createEventStore>;
let sources: ReturnType<typeof createSourceRepository>;

beforeEach(async () => {
  Object.assign(publisher, {
    status: 200,
    contentType: 'text/calendar',
    etag: '"v1"',
    body: calendar(meetup, workshop, weekly),
  });
  const table = await createLocalTable();
  requests = countRequests(table.documentClient);
  sources = createSourceRepository(table.documentClient, table.tableName);
  events = createEventStore(table.documentClient, table.tableName);
  deps = { sources, events, fetchFeed, logger: silentLogger, loopback: { ports: [port] } };
  source = buildSource(
    {
      url: `http://127.0.0.1:${port}/feed.ics`,
      kind: 'industry-event',
      organization: 'CNCF Berlin',
      defaultTags: ['berlin'],
    },
    now,
  );
  await sources.create(source);
});

const upcoming = async () =>
  (await events.listStartingBetween(now, later(60 * 24 * 60))).filter((event) => !event.removed);

describe('ingesting a source', () => {
  it('stores every event with its source kind, organization and tags, DST-correct occurrences included', async () => {
    const report = await ingestSource(deps, source.id, now);
    expect(report).toMatchObject({ outcome: 'updated', format: 'icalendar', eventCount: 5, problemCount: 0 });
    const stored = await upcoming();
    expect(stored.map((event) => `${event.start} ${event.title}`)).toEqual([
      '2030-03-05T18:00:00Z Kubernetes Meetup',
      '2030-03-10T09:00:00Z Leadership Workshop',
      // 12:00 in Berlin every week: CET (UTC+1) before 2030-03-31, CEST (UTC+2) from that day.
      '2030-03-24T11:00:00Z Weekly Office Hours',
      '2030-03-31T10:00:00Z Weekly Office Hours',
      '2030-04-07T10:00:00Z Weekly Office Hours',
    ]);
    expect(stored.find((event) => event.title === 'Kubernetes Meetup')).toMatchObject({
      kind: 'industry-event',
      organization: 'CNCF Berlin',
      end: '2030-03-05T20:00:00Z',
      timeZone: 'Europe/Berlin',
      place: { city: 'Berlin', country: 'Germany' },
      tags: expect.arrayContaining(['berlin', 'kubernetes']),
    });
    expect((await sources.get(source.id))?.health).toMatchObject({
      etag: '"v1"',
      lastEventCount: 5,
      consecutiveFailures: 0,
      lastFormat: 'icalendar',
    });
  });

  it('answers a 304 with no parse and no event writes, and re-parses an unchanged 200 with no event writes', async () => {
    await ingestSource(deps, source.id, now);
    requests.reset();
    expect(await ingestSource(deps, source.id, later(60))).toMatchObject({ outcome: 'not-modified' });
    expect(publisher.conditionalRequests).toBeGreaterThan(0);
    // The only writes are the source's own health record: the attempt's mark, then the outcome.
    expect(requests.writes()).toBe(2);
    expect(requests.sourceRecordWrites()).toBe(2);

    requests.reset();
    publisher.etag = '"v2"'; // same bytes, new validator: a full fetch and parse
    expect(await ingestSource(deps, source.id, later(120))).toMatchObject({
      outcome: 'updated',
      sync: { unchanged: 5, created: 0, updated: 0 },
    });
    expect(requests.writes()).toBe(2);
  });

  it('marks an event removed when it disappears before it starts, and applies changes', async () => {
    await ingestSource(deps, source.id, now);
    publisher.etag = '"v2"';
    publisher.body = calendar(vevent('meetup@test', 'Kubernetes Meetup', '20300305T200000'), weekly);
    expect(await ingestSource(deps, source.id, later(60))).toMatchObject({
      sync: { updated: 1, removed: 1, unchanged: 3 },
    });
    const titles = (await upcoming()).map((event) => `${event.start} ${event.title}`);
    expect(titles).toContain('2030-03-05T19:00:00Z Kubernetes Meetup');
    expect(titles).not.toContain('2030-03-10T09:00:00Z Leadership Workshop');
  });

  it('keeps every stored event and backs off when the feed fails', async () => {
    await ingestSource(deps, source.id, now);
    publisher.status = 500;
    publisher.etag = '"v2"';
    const first = await ingestSource(deps, source.id, later(60), { force: true });
    expect(first).toMatchObject({ outcome: 'failed', error: { code: 'http-status' } });
    await ingestSource(deps, source.id, later(61), { force: true });
    const health = (await sources.get(source.id))?.health;
    expect(health).toMatchObject({ consecutiveFailures: 2, lastErrorCode: 'http-status' });
    // refresh 60 min × 2² after the second failure
    expect(health?.nextFetchAt).toBe(later(61 + 240).toISOString());
    expect(await upcoming()).toHaveLength(5);
  });

  it('records an unreadable feed as a failure without touching stored events', async () => {
    await ingestSource(deps, source.id, now);
    Object.assign(publisher, {
      etag: '"v2"',
      contentType: 'text/html',
      body: '<html><body>We moved!</body></html>',
    });
    expect(await ingestSource(deps, source.id, later(60))).toMatchObject({
      outcome: 'failed',
      error: { code: 'unreadable' },
    });
    expect(await upcoming()).toHaveLength(5);
  });

  it('keeps the readable events of a partly broken feed and removes nothing while entries are unreadable', async () => {
    await ingestSource(deps, source.id, now);
    Object.assign(publisher, {
      etag: '"v2"',
      body: calendar(meetup, 'BEGIN:VEVENT\r\nUID:broken@test\r\nSUMMARY:No start\r\nEND:VEVENT\r\n', weekly),
    });
    const report = await ingestSource(deps, source.id, later(60));
    expect(report).toMatchObject({ outcome: 'updated', eventCount: 4, sync: { removed: 0 } });
    expect(report.problemCount).toBeGreaterThan(0);
    expect((await sources.get(source.id))?.health.lastProblems.join('\n')).toContain('broken@test');
    expect(await upcoming()).toHaveLength(5);
  });

  it("still trusts an RSS feed's omissions when its only problems are news items that are not events", async () => {
    const item = (guid: string, title: string, start: string | null) =>
      `<item><title>${title}</title><guid>${guid}</guid>${start ? `<ev:startdate>${start}</ev:startdate>` : ''}</item>`;
    const rss = (...items: string[]) =>
      `<?xml version="1.0"?><rss version="2.0" xmlns:ev="http://purl.org/rss/1.0/modules/event/"><channel><title>Org</title>${items.join('')}</channel></rss>`;
    Object.assign(publisher, {
      contentType: 'application/rss+xml',
      body: rss(
        item('a', 'Annual Meeting', '2030-03-20T17:00:00Z'),
        item('b', 'Chapter Social', '2030-03-22T17:00:00Z'),
        item('n', 'News', null),
      ),
    });
    expect(await ingestSource(deps, source.id, now)).toMatchObject({ eventCount: 2, problemCount: 1 });
    Object.assign(publisher, {
      etag: '"v2"',
      body: rss(item('a', 'Annual Meeting', '2030-03-20T17:00:00Z'), item('n', 'News', null)),
    });
    expect(await ingestSource(deps, source.id, later(60))).toMatchObject({
      sync: { removed: 1, unchanged: 1 },
    });
    expect((await upcoming()).map((event) => event.title)).toEqual(['Annual Meeting']);
  });

  it('keeps stored events when a feed suddenly lists none', async () => {
    await ingestSource(deps, source.id, now);
    Object.assign(publisher, { etag: '"v2"', body: calendar() });
    const report = await ingestSource(deps, source.id, later(60));
    expect(report).toMatchObject({ outcome: 'updated', eventCount: 0, sync: { removed: 0 } });
    expect(await upcoming()).toHaveLength(5);
  });

  it('refuses a feed that redirects to the cloud metadata address', async () => {
    const redirecting = buildSource(
      { url: `http://127.0.0.1:${port}/metadata-redirect`, kind: 'industry-event' },
      now,
    );
    await sources.create(redirecting);
    expect(await ingestSource(deps, redirecting.id, now)).toMatchObject({
      outcome: 'failed',
      error: { code: 'blocked-address' },
    });
    expect((await sources.get(redirecting.id))?.health.lastError).toContain('169.254.169.254');
  });

  it('fails a JSON feed nested 100,000 arrays deep with one clear error and backs off, keeping stored events', async () => {
    await ingestSource(deps, source.id, now);
    Object.assign(publisher, {
      etag: '"deep"',
      contentType: 'application/json',
      body: `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    });

    const report = await ingestSource(deps, source.id, later(60));

    expect(report).toMatchObject({ outcome: 'failed', error: { code: 'unreadable' } });
    expect(report.error?.message).toBe('the JSON is nested more than 64 levels deep');
    const health = (await sources.get(source.id))?.health;
    expect(health).toMatchObject({ consecutiveFailures: 1 });
    expect(health?.nextFetchAt).toBe(later(60 + 120).toISOString());
    expect(await upcoming()).toHaveLength(5);
  });
});

describe('a feed whose series explode', () => {
  const minutely = vevent(
    'every-minute@test',
    'Every minute, for ever',
    '20300302T000000',
    'RRULE:FREQ=MINUTELY\r\n',
  );
  const billion = vevent(
    'every-second@test',
    'Every second, a billion times',
    '20300302T000000',
    'RRULE:FREQ=SECONDLY;COUNT=1000000000\r\n',
  );

  it('stores 500 occurrences per series, reports each cap on the source, and keeps the good entries', async () => {
    Object.assign(publisher, { etag: '"storm"', body: calendar(meetup, minutely, billion, workshop) });

    const report = await ingestSource(deps, source.id, now);

    expect(report).toMatchObject({ outcome: 'updated', eventCount: 2 + 500 + 500 });
    const health = (await sources.get(source.id))?.health;
    expect(
      health?.lastProblems.filter((problem) => problem.includes('only the first 500 are kept')),
    ).toHaveLength(2);
    const titles = new Set((await upcoming()).map((event) => event.title));
    expect(titles).toEqual(
      new Set([
        'Kubernetes Meetup',
        'Leadership Workshop',
        'Every minute, for ever',
        'Every second, a billion times',
      ]),
    );
  });

  it('stops at the per-source cap, says so, and removes nothing the cap left out', async () => {
    Object.assign(publisher, { etag: '"storm"', body: calendar(meetup, minutely, workshop) });
    await ingestSource(deps, source.id, now);
    const capped: IngestDependencies = { ...deps, maxEventsPerSource: 100 };
    publisher.etag = '"storm-again"';

    const report = await ingestSource(capped, source.id, later(60));

    expect(report).toMatchObject({ outcome: 'updated', eventCount: 100, sync: { removed: 0 } });
    const health = (await sources.get(source.id))?.health;
    expect(health?.lastProblems.some((problem) => problem.includes('more than 100 events'))).toBe(true);
    // The single events come first, so the cap cuts the series, not the meetup and the workshop.
    const titles = new Set((await upcoming()).map((event) => event.title));
    expect(titles.has('Kubernetes Meetup') && titles.has('Leadership Workshop')).toBe(true);
  });
});

describe('an attempt that never finishes', () => {
  it('is marked before the fetch, with the source not due again before the backoff', async () => {
    let seenWhileFetching: Source | null = null;
    let dueWhileFetching: Source[] = [];
    const watching: IngestDependencies = {
      ...deps,
      fetchFeed: async (url, options) => {
        seenWhileFetching = await sources.get(source.id);
        dueWhileFetching = await sources.listDue(later(60));
        return fetchFeed(url, options);
      },
    };

    await ingestSource(watching, source.id, now);

    expect(seenWhileFetching).toMatchObject({
      health: { attemptStartedAt: now.toISOString(), nextFetchAt: later(120).toISOString() },
    });
    expect(dueWhileFetching).toEqual([]);
    const after = (await sources.get(source.id))?.health;
    expect(after?.attemptStartedAt).toBeUndefined();
    expect(after?.nextFetchAt).toBe(later(60).toISOString());
  });

  it('counts as a failure once its lease is over: backoff, no fetch now, the mark gone', async () => {
    // A worker that crashed: the mark stays behind (this is what a killed process leaves).
    await sources.startAttempt(source.id, now, later(120), undefined);
    const fetchesBefore = publisher.requests;

    const report = await ingestSource(deps, source.id, later(15));

    expect(report).toMatchObject({ outcome: 'failed', error: { code: 'unfinished' } });
    expect(report.error?.message).toContain(now.toISOString());
    expect(publisher.requests).toBe(fetchesBefore);
    const health = (await sources.get(source.id))?.health;
    expect(health).toMatchObject({ consecutiveFailures: 1, lastErrorCode: 'unfinished' });
    expect(health?.attemptStartedAt).toBeUndefined();
    expect(health?.nextFetchAt).toBe(later(15 + 120).toISOString());
    // After the backoff it is fetched again as usual.
    expect(await ingestSource(deps, source.id, later(140))).toMatchObject({ outcome: 'updated' });
  });

  it('leaves a source alone while another run holds a fresh mark', async () => {
    await sources.startAttempt(source.id, now, later(120), undefined);
    const fetchesBefore = publisher.requests;

    expect(await ingestSource(deps, source.id, later(1))).toMatchObject({ outcome: 'busy' });

    expect(publisher.requests).toBe(fetchesBefore);
    expect((await sources.get(source.id))?.health.attemptStartedAt).toBe(now.toISOString());
  });

  it('lets exactly one of two parallel runs of one source work', async () => {
    const reports = await Promise.all([
      ingestSource(deps, source.id, now),
      ingestSource(deps, source.id, now),
    ]);

    expect(reports.map((report) => report.outcome).sort()).toEqual(['busy', 'updated']);
  });

  it('records a failure inside Trellis and hands the error on, so the queue retries it', async () => {
    const broken: IngestDependencies = {
      ...deps,
      events: {
        ...events,
        applySourceSync: async () => {
          throw new Error('the table is unavailable');
        },
      },
    };

    await expect(ingestSource(broken, source.id, now)).rejects.toThrow('the table is unavailable');

    const health = (await sources.get(source.id))?.health;
    expect(health).toMatchObject({ lastErrorCode: 'internal', consecutiveFailures: 1 });
    expect(health?.attemptStartedAt).toBeUndefined();
    // The queue's retry works at once: nothing marks the source busy.
    expect(await ingestSource(deps, source.id, later(1))).toMatchObject({ outcome: 'updated' });
  });
});
