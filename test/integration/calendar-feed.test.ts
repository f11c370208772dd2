import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CalendarRotationConflictError,
  calendarUrlsFor,
  rotateCalendarUrl,
} from '../../shared/calendar/calendar-subscription.ts';
import { planSourceSync } from '../../shared/events/plan-source-sync.ts';
import { type LocalHttpApi, startLocalHttpApi } from '../../shared/local/http-api-adapter.ts';
import { silentLogger } from '../../shared/log/logger.ts';
import { calendarTokenHash, calendarTokenKey } from '../../shared/security/calendar-token.ts';
import { type CalendarStore, createCalendarStore } from '../../shared/store/calendar-store.ts';
import { canonicalIdFor, createEventStore, type EventStore } from '../../shared/store/event-store.ts';
import { createSavedEventStore } from '../../shared/store/saved-event-store.ts';
import { createUserRepository, type UserRepository } from '../../shared/store/user-repository.ts';
import { buildUserProfile } from '../../shared/users/profile-input.ts';
import { saveProfile } from '../../shared/users/save-profile.ts';
import type { UserProfile } from '../../shared/users/user-profile.ts';
import { eventEntry } from '../support/event-entries.ts';
import { createLocalTable, type LocalTable } from '../support/local-table.ts';

/*
 * The calendar-feed Lambda handler itself (configuration read from the environment at import), served
 * by the local HTTP API adapter on loopback, against DynamoDB Local: what a calendar client meets.
 */

const linkSecret = 'a-test-secret-that-is-long-enough-to-sign-links';
const sourceId = 'src_cccccccccccc';
let table: LocalTable;
let api: LocalHttpApi;
let users: UserRepository;
let events: EventStore;
let calendars: CalendarStore;
let ana: UserProfile;

const subscription = () => ({
  calendars,
  tokenKey: async () => calendarTokenKey(Buffer.from(linkSecret)),
  publicBaseUrl: api.url,
});

function soon(days: number, hourUtc = 18): string {
  const day = new Date(Date.now() + days * 86_400_000);
  day.setUTCHours(hourUtc, 0, 0, 0);
  return day.toISOString().replace('.000Z', 'Z');
}

const entries = [
  eventEntry('k8s', { title: 'Kubernetes Meetup', start: soon(3), end: null, tags: ['kubernetes'] }),
  eventEntry('saved-far', {
    title: 'Cloud Summit (saved)',
    start: soon(120),
    end: null,
    tags: ['crafts'],
  }),
  eventEntry('knitting', {
    title: 'Knitting Circle',
    start: soon(4),
    end: null,
    tags: ['crafts'],
    location: 'Munich',
    place: { name: null, address: null, city: 'Munich', country: 'Germany' },
  }),
];

beforeAll(async () => {
  table = await createLocalTable();
  Object.assign(process.env, {
    TABLE_NAME: table.tableName,
    LINK_SECRET: linkSecret,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
    LOG_LEVEL: 'error',
  });
  const { handler } = await import('../../functions/calendar-feed.ts');
  api = await startLocalHttpApi([{ pathPrefix: '/cal/', functionName: 'calendar-feed', handler }], {
    port: 0,
    logger: silentLogger,
  });
  users = createUserRepository(table.documentClient, table.tableName);
  events = createEventStore(table.documentClient, table.tableName);
  calendars = createCalendarStore(table.documentClient, table.tableName);
  const now = new Date();
  await events.applySourceSync(
    sourceId,
    planSourceSync(new Map(), entries, { now, allowRemovals: true }),
    now,
  );
  ana = buildUserProfile(
    {
      email: 'ana@example.org',
      emailConfirmed: true,
      name: 'Ana',
      timeZone: 'Europe/Berlin',
      topics: ['kubernetes'],
      places: [{ kind: 'city', city: 'Berlin', country: null }],
    },
    now,
  );
  await users.create(ana);
  await createSavedEventStore(table.documentClient, table.tableName).save(
    ana.id,
    canonicalIdFor(sourceId, 'saved-far'),
    now,
  );
});

afterAll(async () => {
  await api?.stop();
});

function titlesOf(text: string): string[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar
    .getAllSubcomponents('vevent')
    .map((vevent) => String(vevent.getFirstPropertyValue('summary')));
}

describe('the calendar feed over HTTP', () => {
  it('serves the matched upcoming events and the saved ones as text/calendar, with an ETag', async () => {
    const { https } = await calendarUrlsFor(subscription(), ana.id, new Date());
    const response = await fetch(https, { headers: { 'accept-encoding': 'identity' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('private, max-age=300');
    expect(response.headers.get('etag')).toMatch(/^W\/"/);
    const titles = titlesOf(await response.text());
    expect(titles.sort()).toEqual(['Cloud Summit (saved)', 'Kubernetes Meetup']);
  });

  it('serves a public feed per topic, and 404 for a topic that is not in the vocabulary', async () => {
    const response = await fetch(`${api.url}/cal/topics/kubernetes.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=900');
    const text = await response.text();
    expect(titlesOf(text)).toEqual(['Kubernetes Meetup']);
    expect(text).toContain('X-WR-CALNAME:Trellis · Kubernetes');
    const etag = response.headers.get('etag') ?? '';
    expect(
      (await fetch(`${api.url}/cal/topics/kubernetes.ics`, { headers: { 'if-none-match': etag } })).status,
    ).toBe(304);
    expect((await fetch(`${api.url}/cal/topics/no-such-topic.ics`)).status).toBe(404);
    expect((await fetch(`${api.url}/cal/topics/a/b.ics`)).status).toBe(404);
  });

  it('answers If-None-Match with 304, HEAD without a body, and gzip when asked', async () => {
    const { https } = await calendarUrlsFor(subscription(), ana.id, new Date());
    const first = await fetch(https);
    const etag = first.headers.get('etag') ?? '';
    const body = await first.text();
    const notModified = await fetch(https, { headers: { 'if-none-match': etag } });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    const head = await fetch(https, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
    expect(await head.text()).toBe('');
    const raw = await new Promise<{ encoding: string | undefined; bytes: number }>((resolve, reject) => {
      import('node:http').then(({ get }) =>
        get(https, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
          let bytes = 0;
          response.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
          });
          response.on('end', () => resolve({ encoding: response.headers['content-encoding'], bytes }));
        }).on('error', reject),
      );
    });
    expect(raw.encoding).toBe('gzip');
    expect(raw.bytes).toBeLessThan(Buffer.byteLength(body));
  });

  it('stores only the hash of the token, and rotation kills the old URL at once', async () => {
    const before = await calendarUrlsFor(subscription(), ana.id, new Date());
    const token = before.https.split('/').pop()?.replace('.ics', '') ?? '';
    const items =
      (await table.documentClient.send(new ScanCommand({ TableName: table.tableName }))).Items ?? [];
    const dump = JSON.stringify(items);
    expect(dump).not.toContain(token);
    expect(dump).toContain(`CALTOKEN#${calendarTokenHash(token)}`);

    const after = await rotateCalendarUrl(subscription(), ana.id, new Date());
    expect(after.https).not.toBe(before.https);
    expect(after.webcal).toBe(after.https.replace(/^http:/, 'webcal:'));
    expect((await fetch(before.https)).status).toBe(404);
    expect((await fetch(after.https)).status).toBe(200);
    expect((await calendarUrlsFor(subscription(), ana.id, new Date())).https).toBe(after.https);
  });

  it('rotated twice at once: one rotation wins, the other is a conflict; the old URL is dead and one lookup remains', async () => {
    const before = await calendarUrlsFor(subscription(), ana.id, new Date());
    expect((await fetch(before.https)).status).toBe(200);
    // Both read the calendar before either writes: a real race, not two rotations one after the other.
    let reads = 0;
    let bothRead: () => void = () => {};
    const readTogether = new Promise<void>((resolve) => {
      bothRead = resolve;
    });
    const racing = {
      ...subscription(),
      calendars: {
        ...calendars,
        get: async (userId: string) => {
          const head = await calendars.get(userId);
          reads += 1;
          if (reads === 2) bothRead();
          await readTogether;
          return head;
        },
      },
    };
    const outcomes = await Promise.allSettled([
      rotateCalendarUrl(racing, ana.id, new Date()),
      rotateCalendarUrl(racing, ana.id, new Date()),
    ]);
    const won = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    const lost = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toBeInstanceOf(CalendarRotationConflictError);

    expect((await fetch(before.https)).status).toBe(404);
    expect((await fetch(won[0]?.https ?? '')).status).toBe(200);
    expect((await calendarUrlsFor(subscription(), ana.id, new Date())).https).toBe(won[0]?.https);
    const head = await calendars.get(ana.id);
    const lookups =
      (
        await table.documentClient.send(
          new ScanCommand({
            TableName: table.tableName,
            FilterExpression: '#type = :type AND userId = :user',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: { ':type': 'calendar-token', ':user': ana.id },
            ConsistentRead: true,
          }),
        )
      ).Items ?? [];
    expect(lookups.map((item) => item.pk)).toEqual([`CALTOKEN#${head?.tokenHash}`]);
  });

  it('renders afresh after a profile change, and shows a withdrawn event as cancelled', async () => {
    const { https } = await calendarUrlsFor(subscription(), ana.id, new Date());
    const etag = (await fetch(https)).headers.get('etag') ?? '';
    const current = (await users.get(ana.id)) as UserProfile;
    const profileChange = { users, calendars, reminderSlotMove: () => [], reminderSlotAbsent: () => [] };
    await saveProfile(
      profileChange,
      { ...current, name: 'Ana K.', updatedAt: new Date().toISOString() },
      current,
    );
    // The source drops the meetup before it starts.
    const now = new Date();
    const state = await events.loadSourceState(sourceId);
    await events.applySourceSync(
      sourceId,
      planSourceSync(
        state,
        entries.filter((entry) => entry.sourceEventId !== 'k8s'),
        { now, allowRemovals: true },
      ),
      now,
    );
    const response = await fetch(https, { headers: { 'if-none-match': etag } });
    expect(response.status).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Trellis · Ana K.');
    const meetup = calendar
      .getAllSubcomponents('vevent')
      .find((vevent) => vevent.getFirstPropertyValue('summary') === 'Kubernetes Meetup');
    expect(meetup?.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(meetup?.getFirstPropertyValue('sequence')).toBe(1);
  });

  it('answers unknown tokens with the same 404 whether or not they share a prefix with a real one', async () => {
    const { https } = await calendarUrlsFor(subscription(), ana.id, new Date());
    const token = https.split('/').pop()?.replace('.ics', '') ?? '';
    const flip = (c: string) => (c === 'A' ? 'B' : 'A');
    const near = `${token.slice(0, 42)}${flip(token.at(-1) ?? 'A')}`;
    const far = `${flip(token[0] ?? 'A')}${'x'.repeat(42)}`;
    const time = async (candidate: string) => {
      const started = performance.now();
      const response = await fetch(`${api.url}/cal/${candidate}.ics`);
      const body = await response.text();
      return { ms: performance.now() - started, status: response.status, body };
    };
    const nearTimes: number[] = [];
    const farTimes: number[] = [];
    const bodies = new Set<string>();
    for (let round = 0; round < 40; round++) {
      for (const [candidate, times] of [
        [near, nearTimes],
        [far, farTimes],
      ] as const) {
        const result = await time(candidate);
        expect(result.status).toBe(404);
        bodies.add(result.body);
        times.push(result.ms);
      }
    }
    expect(bodies.size).toBe(1);
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    // Both look the token up by its hash: one read, no character-by-character comparison to time.
    expect(Math.abs(median(nearTimes) - median(farTimes))).toBeLessThan(
      Math.max(1.5, median(farTimes) * 0.5),
    );
  });

  it('puts "CFP closes" entries of matching conferences in the feed of a reader who asked for them, and no one else', async () => {
    const now = new Date();
    const closesOn = new Date(now.getTime() + 5 * 86_400_000).toISOString().slice(0, 10);
    const conference = eventEntry('kubeconf', {
      title: 'KubeConf',
      start: soon(60).slice(0, 10),
      end: null,
      allDay: true,
      timeZone: null,
      online: true,
      place: null,
      location: null,
      tags: ['kubernetes'],
      callForSpeakers: { url: 'https://kubeconf.example/cfp', closesOn },
    });
    await events.applySourceSync(
      'src_dddddddddddd',
      planSourceSync(new Map(), [conference], { now, allowRemovals: true }),
      now,
    );
    const bo = buildUserProfile(
      {
        email: 'bo@example.org',
        emailConfirmed: true,
        timeZone: 'Europe/Berlin',
        topics: ['kubernetes'],
        callsInCalendar: true,
      },
      now,
    );
    await users.create(bo);
    const boFeed = await (await fetch((await calendarUrlsFor(subscription(), bo.id, now)).https)).text();
    expect(titlesOf(boFeed)).toContain('CFP closes: KubeConf');
    const entry = new ICAL.Component(ICAL.parse(boFeed))
      .getAllSubcomponents('vevent')
      .find((vevent) => vevent.getFirstPropertyValue('summary') === 'CFP closes: KubeConf');
    expect(String(entry?.getFirstPropertyValue('dtstart'))).toBe(closesOn);
    expect(String(entry?.getFirstPropertyValue('description'))).toContain('https://kubeconf.example/cfp');
    const anaFeed = await (await fetch((await calendarUrlsFor(subscription(), ana.id, now)).https)).text();
    expect(titlesOf(anaFeed).some((title) => title.startsWith('CFP closes'))).toBe(false);
  });
});
