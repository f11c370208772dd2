import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { buildUserCalendar } from '#shared/calendar/build-user-calendar.ts';
import { calendarWindowLoader } from '#shared/calendar/calendar-window.ts';
import { acceptsGzip, serveCalendarFeed } from '#shared/calendar/serve-calendar-feed.ts';
import { createTopicFeedServer } from '#shared/calendar/serve-topic-feed.ts';
import { loadCalendarFeedConfig } from '#shared/config/calendar-config.ts';
import { createLogger } from '#shared/log/logger.ts';
import { createCalendarStore } from '#shared/store/calendar-store.ts';
import { createContactRepository } from '#shared/store/contact-repository.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createEventStore } from '#shared/store/event-store.ts';
import { createSavedEventStore } from '#shared/store/saved-event-store.ts';
import { createUserRepository } from '#shared/store/user-repository.ts';

const config = loadCalendarFeedConfig();
const logger = createLogger({ level: config.logLevel, fields: { function: 'calendar-feed' } });
const client = createDocumentClient();
const calendars = createCalendarStore(client, config.tableName);
const events = createEventStore(client, config.tableName);
const users = createUserRepository(client, config.tableName);
const savedEvents = createSavedEventStore(client, config.tableName);
const contacts = createContactRepository(client, config.tableName);
const window = calendarWindowLoader((from, to) => events.listStartingBetween(from, to), {
  days: config.windowDays,
  reuseMs: 5 * 60_000,
});
const deps = {
  calendars,
  maxAgeMs: config.maxAgeMinutes * 60_000,
  build: (userId: string, previous: readonly string[], now: Date) =>
    buildUserCalendar(
      {
        getUser: (id) => users.get(id),
        savedEvents,
        events,
        contacts,
        window,
        refreshMinutes: config.refreshMinutes,
        maxMatched: config.maxEvents,
      },
      userId,
      previous,
      now,
    ),
};

const topicFeed = createTopicFeedServer({
  window,
  refreshMinutes: config.refreshMinutes,
  maxAgeMs: 15 * 60_000,
  maxEvents: config.maxEvents,
});

type Result = APIGatewayProxyStructuredResultV2;

/** Secret URLs: never in shared caches, never in referrers or search engines. */
const commonHeaders = {
  'cache-control': 'private, max-age=300',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
  'x-content-type-options': 'nosniff',
};

const notFound: Result = {
  statusCode: 404,
  headers: { ...commonHeaders, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  body: 'No calendar at this address. If you rotated your calendar URL, subscribe to the new one.\n',
};

/** GET and HEAD /cal/<token>.ics (a user's secret feed) and /cal/topics/<topic>.ics (public), with ETag and 304. */
export const handler = middy<APIGatewayProxyEventV2, Result>().handler(async (event) => {
  const method = event.requestContext.http.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD')
    return { statusCode: 405, headers: { ...commonHeaders, allow: 'GET, HEAD' }, body: '' };
  const segments = event.rawPath.split('/').filter(Boolean);
  const last = segments.at(-1) ?? '';
  const ifNoneMatch = event.headers['if-none-match'] ?? null;
  const gzip = acceptsGzip(event.headers['accept-encoding']);
  const isTopicFeed = segments.length === 3 && segments[1] === 'topics';
  const started = performance.now();
  const response = isTopicFeed
    ? await topicFeed({ pathTopic: last, ifNoneMatch, acceptsGzip: gzip }, new Date())
    : segments.length === 2
      ? await serveCalendarFeed(deps, { pathToken: last, ifNoneMatch, acceptsGzip: gzip }, new Date())
      : ({ status: 'not-found' } as const);
  logger.debug('calendar feed', { status: response.status, ms: Math.round(performance.now() - started) });
  if (response.status === 'not-found') return notFound;
  const headers = {
    ...commonHeaders,
    // A topic feed is public: shared caches may keep it for a while.
    ...(isTopicFeed ? { 'cache-control': 'public, max-age=900' } : {}),
    etag: response.etag,
    'last-modified': response.lastModified,
  };
  if (response.status === 'not-modified') return { statusCode: 304, headers, body: '' };
  const gzipped = response.encoding === 'base64';
  return {
    statusCode: 200,
    headers: {
      ...headers,
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'inline; filename="trellis.ics"',
      vary: 'accept-encoding',
      ...(gzipped ? { 'content-encoding': 'gzip' } : {}),
    },
    // Handed over as cached: no per-request decoding or copying of the feed.
    body: method === 'HEAD' ? '' : response.body,
    isBase64Encoded: gzipped && method !== 'HEAD',
  };
});
