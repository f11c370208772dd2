import { collapseSeries } from '../events/collapse-series.ts';
import type { EventStore } from '../store/event-store.ts';
import type { SourceRepository } from '../store/source-repository.ts';
import { eventsQuerySchema, nextEventsPageQuery } from './events-query.ts';
import { route } from './middleware/route.ts';
import { renderOverviewPage } from './overview-page.tsx';
import { htmlResponse, jsonResponse } from './page-responses.ts';

/** The public overview page, the read-only events API and the health check. */
export interface OverviewDependencies {
  readonly sources: Pick<SourceRepository, 'list'>;
  readonly events: Pick<EventStore, 'listPageStartingBetween'>;
}

/** The overview reads at most this many upcoming events and shows at most this many rows. */
const overviewEventsRead = 500;
const overviewRows = 60;
const overviewDays = 60;

export function overviewRoutes(deps: OverviewDependencies) {
  return [
    ...route({
      method: 'GET',
      path: '/',
      access: 'anyone',
      handler: async () => {
        const now = new Date();
        // Bounded whatever the feeds hold: one page of the next 60 days, a series shown once.
        const [allSources, upcoming] = await Promise.all([
          deps.sources.list(),
          deps.events.listPageStartingBetween(
            now,
            new Date(now.getTime() + overviewDays * 86_400_000),
            overviewEventsRead,
            null,
          ),
        ]);
        const rows = collapseSeries(upcoming.events, overviewRows);
        return htmlResponse(200, renderOverviewPage({ sources: allSources, rows, now }));
      },
    }),
    ...route({
      method: 'GET',
      path: '/health',
      access: 'anyone',
      handler: async () => jsonResponse(200, { status: 'ok' }),
    }),
    ...route({
      method: 'GET',
      path: '/api/events',
      access: 'anyone',
      handler: async (request) => {
        const query = eventsQuerySchema.parse(request.event.queryStringParameters ?? {});
        const page = await deps.events.listPageStartingBetween(
          query.from,
          query.to,
          query.limit,
          query.after,
        );
        return jsonResponse(200, {
          from: query.from,
          to: query.to,
          events: page.events.filter((item) => query.includeRemoved || !item.removed),
          next: page.next ? `/api/events?${nextEventsPageQuery(query, page.next)}` : null,
        });
      },
    }),
  ];
}
