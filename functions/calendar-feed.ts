import middy from '@middy/core';
import httpContentEncoding from '@middy/http-content-encoding';
import httpContentNegotiation from '@middy/http-content-negotiation';
import httpRouterHandler from '@middy/http-router';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { buildUserCalendar } from '#shared/calendar/build-user-calendar.ts';
import { calendarWindowLoader } from '#shared/calendar/calendar-window.ts';
import { type CalendarFeedResponse, serveCalendarFeed } from '#shared/calendar/serve-calendar-feed.ts';
import { createTopicFeedServer } from '#shared/calendar/serve-topic-feed.ts';
import { loadCalendarFeedConfig } from '#shared/config/calendar-config.ts';
import { createObservability } from '#shared/observability/observability.ts';
import { createCalendarStore } from '#shared/store/calendar-store.ts';
import { createContactRepository } from '#shared/store/contact-repository.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createEventStore } from '#shared/store/event-store.ts';
import { createSavedEventStore } from '#shared/store/saved-event-store.ts';
import { createUserRepository } from '#shared/store/user-repository.ts';

const config = loadCalendarFeedConfig();
const observability = createObservability({ service: 'calendar-feed', logLevel: config.logLevel });
const logger = observability.logger;
const client = observability.traced(createDocumentClient());
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
        calls: { events },
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

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;
type FeedContext = Context & { preferredEncoding?: string };

/** Secret URLs: never in shared caches, never in referrers or search engines. */
const commonHeaders = {
  'cache-control': 'private, max-age=300',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
  'x-content-type-options': 'nosniff',
};

const notFound = (): Result => ({
  statusCode: 404,
  headers: { ...commonHeaders, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  body: 'No calendar at this address. If you rotated your calendar URL, subscribe to the new one.\n',
});

const methodNotAllowed = async (): Promise<Result> => ({
  statusCode: 405,
  headers: { ...commonHeaders, allow: 'GET, HEAD' },
  body: '',
});

type FeedServer = (
  request: { pathSegment: string; ifNoneMatch: string | null; acceptsGzip: boolean },
  now: Date,
) => Promise<CalendarFeedResponse>;

/**
 * One feed as an HTTP answer: 304 for a matching If-None-Match, HEAD without a body. The body comes
 * from the per-container cache already encoded (gzip when negotiated, cached per ETag), so
 * @middy/http-content-encoding passes it through instead of compressing the feed again per request.
 */
const feedRoute =
  (serve: FeedServer, cacheControl: string) =>
  async (event: Event, context: FeedContext): Promise<Result> => {
    const started = performance.now();
    const response = await serve(
      {
        pathSegment: event.pathParameters?.file ?? '',
        ifNoneMatch: event.headers['if-none-match'] ?? null,
        acceptsGzip: context.preferredEncoding === 'gzip',
      },
      new Date(),
    );
    logger.debug('calendar feed', { status: response.status, ms: Math.round(performance.now() - started) });
    if (response.status === 'not-found') return notFound();
    const headers = {
      ...commonHeaders,
      'cache-control': cacheControl,
      etag: response.etag,
      'last-modified': response.lastModified,
    };
    if (response.status === 'not-modified') return { statusCode: 304, headers, body: '' };
    const gzipped = response.encoding === 'base64';
    const head = event.requestContext.http.method.toUpperCase() === 'HEAD';
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
      body: head ? '' : response.body,
      isBase64Encoded: gzipped && !head,
    };
  };

const userFeed = feedRoute(
  (request, now) => serveCalendarFeed(deps, { ...request, pathToken: request.pathSegment }, now),
  commonHeaders['cache-control'],
);
// A topic feed is public: shared caches may keep it for a while.
const topicFeedRoute = feedRoute(
  (request, now) => topicFeed({ ...request, pathTopic: request.pathSegment }, now),
  'public, max-age=900',
);

const routes = httpRouterHandler<Event, Result>({
  routes: [
    { method: 'GET', path: '/cal/topics/{file}', handler: topicFeedRoute },
    { method: 'HEAD', path: '/cal/topics/{file}', handler: topicFeedRoute },
    { method: 'GET', path: '/cal/{file}', handler: userFeed },
    { method: 'HEAD', path: '/cal/{file}', handler: userFeed },
    { method: 'ANY', path: '/cal/topics/{file}', handler: methodNotAllowed },
    { method: 'ANY', path: '/cal/{file}', handler: methodNotAllowed },
  ],
  // The router's type expects a throw; an answer is as good, and this one is the same 404 as an unknown token.
  notFoundResponse: notFound as unknown as () => never,
});

/** GET and HEAD /cal/<token>.ics (a user's secret feed) and /cal/topics/<topic>.ics (public), with ETag and 304. */
export const handler = middy<Event, Result, Error, FeedContext>()
  .use(observability.middlewares())
  .use(
    httpContentNegotiation({
      parseCharsets: false,
      parseLanguages: false,
      parseMediaTypes: false,
      parseEncodings: true,
      availableEncodings: ['gzip', 'identity'],
      failOnMismatch: false,
    }),
  )
  .use(httpContentEncoding())
  .handler(routes);
