import type { SaveProfileDependencies } from '../users/save-profile.ts';
import { type EventsRouteDependencies, eventsRoutes } from './events-routes.ts';
import type { Route } from './middleware/route.ts';
import { organizationEventsRoutes } from './organization-events-routes.ts';
import { topicRoutes } from './topic-routes.ts';

/** Browsing: the events listing and pages, topics and organizations' events (see each module). */
export interface BrowseRouteDependencies extends EventsRouteDependencies {
  readonly profiles: SaveProfileDependencies;
  /** Configured public URL, or null to use the request's own host. */
  readonly publicBaseUrl: string | null;
}

export function browseRoutes(deps: BrowseRouteDependencies): Route[] {
  return [...eventsRoutes(deps), ...topicRoutes(deps), ...organizationEventsRoutes(deps)];
}
