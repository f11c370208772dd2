import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import httpRouterHandler from '@middy/http-router';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { getStringFromEnv } from '#shared/config/env.ts';
import { parseLogLevel } from '#shared/config/ingest-config.ts';
import { createLogger } from '#shared/log/logger.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createEventStore } from '#shared/store/event-store.ts';
import { createSourceRepository } from '#shared/store/source-repository.ts';
import { eventsQuerySchema } from '#shared/web/events-query.ts';
import { mapKnownErrors, problemJsonContentType } from '#shared/web/http-errors.ts';
import { renderOverviewPage } from '#shared/web/overview-page.ts';

const tableName = getStringFromEnv('TABLE_NAME');
const logger = createLogger({
  level: parseLogLevel(process.env.LOG_LEVEL ?? null),
  fields: { function: 'api' },
});
const client = createDocumentClient();
const sources = createSourceRepository(client, tableName);
const events = createEventStore(client, tableName);

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyResultV2;

const json = (body: unknown): Result => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

const routes = httpRouterHandler<Event, Result>([
  { method: 'GET', path: '/health', handler: async () => json({ status: 'ok' }) },
  { method: 'GET', path: '/api/sources', handler: async () => json({ sources: await sources.list() }) },
  {
    method: 'GET',
    path: '/api/events',
    handler: async (event: Event) => {
      const query = eventsQuerySchema.parse(event.queryStringParameters ?? {});
      const found = await events.listStartingBetween(query.from, query.to);
      return json({
        from: query.from,
        to: query.to,
        events: found.filter((item) => query.includeRemoved || !item.removed),
      });
    },
  },
  {
    method: 'GET',
    path: '/',
    handler: async () => {
      const now = new Date();
      const [allSources, upcoming] = await Promise.all([
        sources.list(),
        events.listStartingBetween(now, new Date(now.getTime() + 60 * 86_400_000)),
      ]);
      return {
        statusCode: 200,
        headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
        body: renderOverviewPage({ sources: allSources, events: upcoming, now }),
      };
    },
  },
]);

/** HTTP API (payload v2): the overview page and the read-only JSON API. */
export const handler = middy<Event, Result>()
  .use(problemJsonContentType())
  .use(
    httpErrorHandler({
      logger: (error: { statusCode?: number; message?: string }) =>
        (error.statusCode ?? 500) < 500
          ? logger.info('request rejected', { status: error.statusCode, problem: error.message })
          : logger.error('request failed', { error }),
    }),
  )
  .use(mapKnownErrors())
  .handler(routes);
