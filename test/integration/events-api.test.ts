import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planSourceSync } from '../../shared/events/plan-source-sync.ts';
import { createEventStore } from '../../shared/store/event-store.ts';
import { type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.ts';
import { eventEntry } from '../support/event-entries.ts';

/*
 * Responses stay bounded whatever a feed put in the table: /api/events pages (at most 200 a response,
 * a `next` link to follow), the overview shows one page with a series collapsed into one row.
 */

let under: ApiUnderTest;
const now = new Date();
const dayMs = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
/** A minute-by-minute series of 450 occurrences (the kind a hostile RRULE makes) and 30 daily talks. */
const floodCount = 450;
const talkCount = 30;

beforeAll(async () => {
  under = await startApiUnderTest();
  const events = createEventStore(under.table.documentClient, under.table.tableName);
  const firstFlood = Date.parse(iso(now.getTime() + 2 * dayMs));
  const entries = [
    ...Array.from({ length: floodCount }, (_, index) =>
      eventEntry(`flood-${index}`, {
        title: 'Every Minute Standup',
        start: iso(firstFlood + index * 60_000),
        end: null,
      }),
    ),
    ...Array.from({ length: talkCount }, (_, index) =>
      eventEntry(`talk-${index}`, {
        title: `Talk ${index}`,
        start: iso(now.getTime() + (index + 1) * dayMs),
        end: null,
      }),
    ),
  ];
  await events.applySourceSync(
    'src_aaaaaaaaaaaa',
    planSourceSync(new Map(), entries, { now, allowRemovals: true }),
    now,
  );
}, 120_000);

afterAll(async () => {
  await under?.stop();
});

interface EventsPage {
  events: { id: string; start: string }[];
  next: string | null;
}

async function getJson(path: string): Promise<{ status: number; body: EventsPage & { detail?: string } }> {
  const response = await fetch(new URL(path, under.api.url));
  return { status: response.status, body: (await response.json()) as EventsPage & { detail?: string } };
}

describe('GET /api/events', () => {
  it('pages through a window of 480 events, at most 200 a response, each once and in start order', async () => {
    const from = encodeURIComponent(now.toISOString());
    const to = encodeURIComponent(new Date(now.getTime() + 40 * dayMs).toISOString());
    let path: string | null = `/api/events?from=${from}&to=${to}&limit=200`;
    const seen: { id: string; start: string }[] = [];
    const pageSizes: number[] = [];
    while (path) {
      const { status, body } = await getJson(path);
      expect(status).toBe(200);
      pageSizes.push(body.events.length);
      seen.push(...body.events);
      path = body.next;
    }

    expect(pageSizes).toEqual([200, 200, 80]);
    expect(new Set(seen.map((event) => event.id)).size).toBe(floodCount + talkCount);
    const starts = seen.map((event) => event.start);
    expect(starts).toEqual([...starts].sort());
  });

  it('returns 100 events by default, with a next link', async () => {
    const { status, body } = await getJson(
      `/api/events?to=${encodeURIComponent(new Date(now.getTime() + 40 * dayMs).toISOString())}`,
    );
    expect(status).toBe(200);
    expect(body.events).toHaveLength(100);
    expect(body.next).toMatch(/^\/api\/events\?from=.*&cursor=/);
  });

  it('refuses more than 200 a page and a cursor it did not make, saying which field', async () => {
    const tooMany = await getJson('/api/events?limit=500');
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toContain('limit');
    const forged = await getJson('/api/events?cursor=not-a-cursor');
    expect(forged.status).toBe(400);
    expect(JSON.stringify(forged.body)).toContain('cursor');
  });
});

describe('GET /', () => {
  it('shows the minute-by-minute series as one row and stays small', async () => {
    const response = await fetch(new URL('/', under.api.url));
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html.match(/Every Minute Standup/g)).toHaveLength(1);
    expect(html).toMatch(/and \d+ more dates/);
    expect(html.length).toBeLessThan(100_000);
  });
});
