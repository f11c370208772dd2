import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { UserCalendar } from '../../../shared/calendar/build-user-calendar.ts';
import { createResponseBodyCache } from '../../../shared/calendar/response-body-cache.ts';
import {
  acceptsGzip,
  type CalendarFeedDependencies,
  matchesIfNoneMatch,
  serveCalendarFeed,
} from '../../../shared/calendar/serve-calendar-feed.ts';
import {
  calendarTokenFor,
  calendarTokenHash,
  calendarTokenKey,
} from '../../../shared/security/calendar-token.ts';
import type { CalendarRecord, RenderedFeed } from '../../../shared/store/calendar-store.ts';

const key = calendarTokenKey(Buffer.from('a-test-secret-that-is-long-enough-to-sign-links'));
const userId = 'usr_0123456789abcdef';
const token = calendarTokenFor(key, userId, 'nonce-1');
const t0 = new Date('2026-03-01T12:00:00Z');

/** An in-memory calendar store that counts reads of the rendered feed, and a builder that counts its renders. */
function fakes(options: { body?: string } = {}) {
  const record: { value: CalendarRecord; rendered: RenderedFeed | null; renderedReads: number } = {
    value: {
      userId,
      nonce: 'nonce-1',
      tokenHash: calendarTokenHash(token),
      createdAt: t0.toISOString(),
      rotatedAt: null,
      etag: null,
      builtAt: null,
    },
    rendered: null,
    renderedReads: 0,
  };
  const builds: { previous: readonly string[] }[] = [];
  let body = options.body ?? 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n';
  const deps: CalendarFeedDependencies = {
    calendars: {
      userIdForToken: async (hash) => (hash === calendarTokenHash(token) ? userId : null),
      get: async () => record.value,
      getRendered: async () => {
        record.renderedReads += 1;
        return record.rendered;
      },
      saveRendered: async (_user, hash, feed, builtAt) => {
        record.rendered = feed;
        if (hash === record.value.tokenHash)
          record.value = { ...record.value, etag: feed.etag, builtAt: builtAt.toISOString() };
      },
    },
    build: async (_user, previous): Promise<UserCalendar> => {
      builds.push({ previous });
      return { body, eventIds: ['evt_1'] };
    },
    maxAgeMs: 60 * 60_000,
    bodies: createResponseBodyCache(1024 * 1024),
  };
  return { deps, record, builds, setBody: (next: string) => (body = next) };
}

const request = (overrides: Partial<Parameters<typeof serveCalendarFeed>[1]> = {}) => ({
  pathToken: `${token}.ics`,
  ifNoneMatch: null,
  acceptsGzip: false,
  ...overrides,
});

describe('serveCalendarFeed', () => {
  it('renders on the first request, stores it, and serves it from the body cache from then on', async () => {
    const { deps, record, builds } = fakes();
    const first = await serveCalendarFeed(deps, request(), t0);
    if (first.status !== 'ok') throw new Error('expected a feed');
    expect([first.encoding, first.body]).toEqual(['utf8', 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n']);
    expect(first.etag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(record.rendered?.eventIds).toEqual(['evt_1']);
    const readsAfterRender = record.renderedReads;
    const later = new Date(t0.getTime() + 59 * 60_000);
    const second = await serveCalendarFeed(deps, request({ acceptsGzip: true }), later);
    expect(builds).toHaveLength(1);
    if (second.status !== 'ok') throw new Error('expected a feed');
    expect(second.encoding).toBe('base64');
    expect(gunzipSync(Buffer.from(second.body, 'base64')).toString()).toBe(
      'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
    );
    // The gzip form was not cached yet: one read of the rendered feed; after that, none.
    expect(record.renderedReads).toBe(readsAfterRender + 1);
    await serveCalendarFeed(deps, request({ acceptsGzip: true }), later);
    await serveCalendarFeed(deps, request(), later);
    expect(record.renderedReads).toBe(readsAfterRender + 1);
  });

  it('answers 304 when If-None-Match names the current ETag, weakly compared', async () => {
    const { deps } = fakes();
    const first = await serveCalendarFeed(deps, request(), t0);
    if (first.status !== 'ok') throw new Error('expected a feed');
    const strong = first.etag.replace('W/', '');
    for (const header of [first.etag, strong, `"other", ${first.etag}`, '*']) {
      expect((await serveCalendarFeed(deps, request({ ifNoneMatch: header }), t0)).status).toBe(
        'not-modified',
      );
    }
    expect((await serveCalendarFeed(deps, request({ ifNoneMatch: '"other"' }), t0)).status).toBe('ok');
  });

  it('renders again once the snapshot is older than the maximum age, passing the previous event ids', async () => {
    const { deps, builds, setBody } = fakes();
    const first = await serveCalendarFeed(deps, request(), t0);
    setBody('BEGIN:VCALENDAR\r\nX-CHANGED:1\r\nEND:VCALENDAR\r\n');
    const later = await serveCalendarFeed(deps, request(), new Date(t0.getTime() + 60 * 60_000));
    expect(builds.map((build) => build.previous)).toEqual([[], ['evt_1']]);
    expect(first.status === 'ok' && later.status === 'ok' && first.etag !== later.etag).toBe(true);
  });

  it('is not found for a malformed, unknown or rotated token, without rendering', async () => {
    const { deps, record, builds } = fakes();
    expect((await serveCalendarFeed(deps, request({ pathToken: 'short.ics' }), t0)).status).toBe('not-found');
    const unknown = calendarTokenFor(key, userId, 'another-nonce');
    expect((await serveCalendarFeed(deps, request({ pathToken: `${unknown}.ics` }), t0)).status).toBe(
      'not-found',
    );
    record.value = { ...record.value, tokenHash: 'rotated-away' };
    expect((await serveCalendarFeed(deps, request(), t0)).status).toBe('not-found');
    expect(builds).toHaveLength(0);
  });
});

describe('request header helpers', () => {
  it('reads Accept-Encoding with q-values', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });

  it('compares entity tags weakly and handles lists and *', () => {
    expect(matchesIfNoneMatch('W/"abc"', '"abc"')).toBe(true);
    expect(matchesIfNoneMatch('"x", "abc"', 'W/"abc"')).toBe(true);
    expect(matchesIfNoneMatch('"abcd"', 'W/"abc"')).toBe(false);
    expect(matchesIfNoneMatch(null, 'W/"abc"')).toBe(false);
  });
});
