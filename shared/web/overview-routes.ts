import { groupByDay } from '../browse/day-groups.ts';
import { browseRowsOf } from '../browse/series-rows.ts';
import type { EventStore } from '../store/event-store.ts';
import type { SourceRepository } from '../store/source-repository.ts';
import { viewerZoneOf } from './events-time-zone.ts';
import { route } from './middleware/route.ts';
import { renderOverviewPage } from './overview-page.tsx';
import { htmlResponse, jsonResponse } from './page-responses.ts';

/** The public overview page and the health check (the events API is `events-routes.ts`). */
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
      handler: async (request) => {
        const now = new Date();
        const viewer = viewerZoneOf(request, now);
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
        const rows = browseRowsOf(upcoming.events, overviewRows);
        return htmlResponse(
          200,
          renderOverviewPage({
            sources: allSources,
            days: groupByDay(rows, viewer.zone, now),
            viewer,
            signedIn: request.visitor
              ? { email: request.visitor.profile.email, nav: request.visitor.nav(null) }
              : null,
          }),
          viewer.setCookie,
        );
      },
    }),
    ...route({
      method: 'GET',
      path: '/health',
      access: 'anyone',
      handler: async () => jsonResponse(200, { status: 'ok' }),
    }),
  ];
}
