import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { buildUserCalendar } from '#shared/calendar/build-user-calendar.ts';
import { calendarWindowLoader } from '#shared/calendar/calendar-window.ts';
import { acceptsGzip, serveCalendarFeed } from '#shared/calendar/serve-calendar-feed.ts';
import { loadCalendarFeedConfig } from '#shared/config/calendar-config.ts';
import { createLogger } from '#shared/log/logger.ts';
import { createCalendarStore } from '#shared/store/calendar-store.ts';
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
        window,
        refreshMinutes: config.refreshMinutes,
        maxMatched: config.maxEvents,
      },
      userId,
      previous,
      now,
    ),
};

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

/** GET and HEAD /cal/<token>.ics: the user's subscribable iCalendar feed, with ETag and 304. */
export const handler = middy<APIGatewayProxyEventV2, Result>().handler(async (event) => {
  const method = event.requestContext.http.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD')
    return { statusCode: 405, headers: { ...commonHeaders, allow: 'GET, HEAD' }, body: '' };
  const pathToken = event.rawPath.split('/').pop() ?? '';
  const started = performance.now();
  const response = await serveCalendarFeed(
    deps,
    {
      pathToken,
      ifNoneMatch: event.headers['if-none-match'] ?? null,
      acceptsGzip: acceptsGzip(event.headers['accept-encoding']),
    },
    new Date(),
  );
  logger.debug('calendar feed', { status: response.status, ms: Math.round(performance.now() - started) });
  if (response.status === 'not-found') return notFound;
  const headers = { ...commonHeaders, etag: response.etag, 'last-modified': response.lastModified };
  if (response.status === 'not-modified') return { statusCode: 304, headers, body: '' };
  const body = Buffer.from(response.body);
  return {
    statusCode: 200,
    headers: {
      ...headers,
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'inline; filename="trellis.ics"',
      vary: 'accept-encoding',
      ...(response.gzipped ? { 'content-encoding': 'gzip' } : {}),
    },
    body: method === 'HEAD' ? '' : body.toString(response.gzipped ? 'base64' : 'utf8'),
    isBase64Encoded: response.gzipped && method !== 'HEAD',
  };
});
