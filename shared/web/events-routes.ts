import { type BrowseFilter, matchesBrowseFilter } from '../browse/browse-filter.ts';
import { groupByDay } from '../browse/day-groups.ts';
import { type MarkNotInterestedDependencies, markNotInterested } from '../browse/mark-not-interested.ts';
import { readBrowsePage } from '../browse/read-browse-page.ts';
import { browseRowsOf } from '../browse/series-rows.ts';
import { effectiveStatus } from '../calendar/calendar-entry.ts';
import { renderCalendarFeed } from '../calendar/render-calendar-feed.ts';
import {
  type SaveEventDependencies,
  type SaveEventResult,
  saveEventForUser,
} from '../calendar/save-event.ts';
import type { StoredEvent } from '../events/stored-event.ts';
import { buildEventIndex, type MatchedEvent, matchEventsForUser } from '../matching/match-events.ts';
import type { EventStore } from '../store/event-store.ts';
import type { UserProfile } from '../users/user-profile.ts';
import { eventDoneMessages, isEventDone, renderEventNotFoundPage, renderEventPage } from './event-page.tsx';
import { renderListingPage } from './events-page.tsx';
import { type EventsQuery, nextEventsPageQuery, parseEventsQuery } from './events-query.ts';
import { viewerZoneOf } from './events-time-zone.ts';
import { NotFoundError } from './http-errors.ts';
import { type Result, type RouteRequest, respond, route } from './middleware/route.ts';
import { htmlResponse, jsonResponse, redirectResponse } from './page-responses.ts';

/*
 * Browsing events, for anyone, as pages and as JSON (one route each, answering as asked):
 * `GET /events` and `GET /api/events` (filters, search, paging; signed in also "for you", the
 * reader's matches with why), `GET /events/{id}` (and `/api/events/{id}`), the event's own
 * `/events/{id}.ics`, and for a signed-in reader "Add to my calendar" (the save use case that the
 * digest's link uses) and "Not interested" from the event's page. Times are in the viewer's zone.
 */

export interface EventsRouteDependencies {
  readonly events: Pick<EventStore, 'listPageStartingBetween' | 'listStartingBetween' | 'get'>;
  readonly saveEvent: SaveEventDependencies;
  readonly notInterested: MarkNotInterestedDependencies;
}

/** A page of the listing reads at most this many events (a series folds into one row). */
export const listingPageEvents = 150;
/** Default spans: the API keeps its two weeks; a page shows two months. */
const apiDefaultDays = 14;
export const pageDefaultDays = 60;
/** "For you" reads the window whole (as the digest does) and shows at most this many matches. */
const forYouMax = 150;

const eventIdPattern = /^evt_[0-9a-f]{20}$/;

/** The event of the path, or NotFoundError. */
export async function eventOfPath(
  deps: Pick<EventsRouteDependencies, 'events'>,
  request: RouteRequest,
): Promise<StoredEvent> {
  const id = request.param('id').replace(/\.ics$/, '');
  const event = eventIdPattern.test(id) ? await deps.events.get(id) : null;
  if (!event) throw new NotFoundError('No such event');
  return event;
}

/** The reader's matches in the window that pass the filter, in start order. */
async function forYou(
  deps: Pick<EventsRouteDependencies, 'events'>,
  profile: UserProfile,
  query: EventsQuery,
  now: Date,
): Promise<MatchedEvent[]> {
  const upcoming = await deps.events.listStartingBetween(query.from, query.to);
  const result = matchEventsForUser(buildEventIndex(upcoming), profile, {
    now,
    windowTo: query.to,
    previous: [],
    maxEvents: forYouMax,
    maxPerOrganization: forYouMax,
  });
  return result.matches
    .filter((match) => matchesBrowseFilter(match.event, query.filter))
    .sort((a, b) => a.event.start.localeCompare(b.event.start) || a.event.id.localeCompare(b.event.id));
}

/** One page of a listing narrowed by a fixed filter (a topic's, an organization's), in the viewer's zone. */
export async function readFixedListing(
  deps: Pick<EventsRouteDependencies, 'events'>,
  request: RouteRequest,
  fixed: BrowseFilter,
  defaultDays: number,
) {
  const now = new Date();
  const viewer = viewerZoneOf(request, now);
  const query = parseEventsQuery(request.event.queryStringParameters, {
    timeZone: viewer.zone,
    now,
    defaultDays,
  });
  const page = await readBrowsePage(deps.events, {
    from: query.from,
    to: query.to,
    limit: request.wantsJson ? query.limit : listingPageEvents,
    after: query.after,
    filter: { ...query.filter, ...fixed },
  });
  const nextQuery = page.next ? nextEventsPageQuery(query, page.next) : null;
  return {
    viewer,
    query,
    page,
    groups: groupByDay(browseRowsOf(page.events), viewer.zone, now),
    nextQuery,
  };
}

export function eventsRoutes(deps: EventsRouteDependencies) {
  return [
    ...route(
      {
        method: 'GET',
        path: '/events',
        access: 'anyone',
        handler: async (request) => {
          const now = new Date();
          const viewer = viewerZoneOf(request, now);
          const query = parseEventsQuery(request.event.queryStringParameters, {
            timeZone: viewer.zone,
            now,
            defaultDays: request.wantsJson ? apiDefaultDays : pageDefaultDays,
          });
          const profile = request.visitor?.profile ?? null;
          const filtered = Object.keys(query.given).some((name) => !['tz', 'view'].includes(name));
          // Signed in, the page opens on "for you" unless filters ask for everything, or the reader has
          // nothing to match yet; the API on everything.
          const hasInterests =
            profile !== null &&
            profile.topics.length + profile.keywords.length + profile.followedOrganizations.length > 0;
          const view =
            profile === null
              ? 'everything'
              : (query.view ?? (request.wantsJson || filtered || !hasInterests ? 'everything' : 'for-you'));
          if (profile && view === 'for-you') {
            const matches = await forYou(deps, profile, query, now);
            const reasons = new Map(matches.map((match) => [match.event.id, match.reasons]));
            return respond(request, {
              json: () =>
                jsonResponse(200, {
                  view,
                  from: query.from,
                  to: query.to,
                  matches: matches.map(({ event, reasons, score, section }) => ({
                    event,
                    reasons,
                    score,
                    section,
                  })),
                }),
              html: () =>
                htmlResponse(
                  200,
                  renderListingPage({
                    title: 'Events',
                    groups: groupByDay(browseRowsOf(matches.map((match) => match.event)), viewer.zone, now),
                    viewer,
                    action: '/events',
                    given: query.given,
                    window: query,
                    nextHref: null,
                    filters: true,
                    nav: request.visitor?.nav('events') ?? null,
                    view,
                    reasonsOf: (event) => reasons.get(event.id),
                  }),
                  viewer.setCookie,
                ),
            });
          }
          const page = await readBrowsePage(deps.events, {
            from: query.from,
            to: query.to,
            // The page reads one listing's worth; the API as many as asked (100 by default).
            limit: request.wantsJson ? query.limit : listingPageEvents,
            after: query.after,
            filter: query.filter,
          });
          const nextQuery = page.next ? nextEventsPageQuery(query, page.next) : null;
          return respond(request, {
            json: () =>
              jsonResponse(200, {
                from: query.from,
                to: query.to,
                events: page.events,
                next: nextQuery ? `/api/events?${nextQuery}` : null,
              }),
            html: () =>
              htmlResponse(
                200,
                renderListingPage({
                  title: 'Events',
                  groups: groupByDay(browseRowsOf(page.events), viewer.zone, now),
                  viewer,
                  action: '/events',
                  given: query.given,
                  window: query,
                  nextHref: nextQuery ? `/events?${nextQuery}` : null,
                  filters: true,
                  nav: request.visitor?.nav('events') ?? null,
                  ...(profile ? { view: 'everything' as const } : {}),
                }),
                viewer.setCookie,
              ),
          });
        },
      },
      [{ method: 'GET', path: '/api/events' }],
    ),
    ...route({
      // Registered before /events/{id}: the router tries dynamic paths in order.
      method: 'GET',
      path: '/events/{id}.ics',
      access: 'anyone',
      handler: async (request) => eventIcs(await eventOfPath(deps, request)),
    }),
    ...route(
      {
        method: 'GET',
        path: '/events/{id}',
        access: 'anyone',
        handler: async (request) => {
          if (request.param('id').endsWith('.ics')) return eventIcs(await eventOfPath(deps, request));
          const event = await eventOfPath(deps, request);
          const viewer = viewerZoneOf(request, new Date());
          const done = request.query('done');
          return respond(request, {
            json: () =>
              jsonResponse(200, {
                event,
                page: `/events/${event.id}`,
                ics: `/events/${event.id}.ics`,
              }),
            html: () =>
              htmlResponse(
                200,
                renderEventPage({
                  event,
                  viewer,
                  nav: request.visitor?.nav('events') ?? null,
                  status: isEventDone(done) ? eventDoneMessages[done] : null,
                }),
                viewer.setCookie,
              ),
          });
        },
        problemPage: (request, known) =>
          known.problem.status === 404
            ? htmlResponse(404, renderEventNotFoundPage(request.visitor?.nav('events') ?? null))
            : null,
      },
      [{ method: 'GET', path: '/api/events/{id}' }],
    ),
    ...route({
      // "Add to my calendar" from the event's page: the same use case as the digest's link and the API.
      method: 'POST',
      path: '/events/{id}/save',
      access: 'visitor',
      body: 'form-or-json',
      handler: async (request) => {
        const event = await eventOfPath(deps, request);
        const result = await saveEventForUser(
          deps.saveEvent,
          request.visitor.profile.id,
          event.id,
          new Date(),
        );
        return respond(request, {
          html: () => redirectResponse(`/events/${event.id}?done=${savedMessage(result)}`),
          json: () => jsonResponse(result.saved === 'saved' ? 201 : 200, result),
        });
      },
    }),
    ...route({
      method: 'POST',
      path: '/events/{id}/not-interested',
      access: 'visitor',
      body: 'form-or-json',
      handler: async (request) => {
        const event = await eventOfPath(deps, request);
        const result = await markNotInterested(
          deps.notInterested,
          request.visitor.profile.id,
          event.id,
          new Date(),
        );
        return respond(request, {
          html: () => redirectResponse(`/events/${event.id}?done=not-interested`),
          json: () => jsonResponse(200, { notInterested: event.id, eventTitle: result.eventTitle }),
        });
      },
    }),
  ];
}

/** Which confirmation the event's page shows after a save: the invitation is mentioned only when one went out. */
function savedMessage(result: SaveEventResult): 'saved' | 'saved-in-feed' | 'already-saved' {
  if (result.saved === 'already-saved') return 'already-saved';
  return ['sent-invite', 'sent-update', 'busy'].includes(result.invite) ? 'saved' : 'saved-in-feed';
}

/** The event alone as an iCalendar file, rendered as the calendar feeds render their events. */
function eventIcs(event: StoredEvent): Result {
  const now = new Date();
  const body = renderCalendarFeed({
    name: event.title,
    entries: [
      {
        event,
        note: event.organization ? `From ${event.organization}, via Trellis` : 'Via Trellis',
        sequence: event.revision ?? 0,
        status: effectiveStatus(event),
      },
    ],
    now,
    refreshMinutes: 24 * 60,
  });
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="${event.id}.ics"`,
    },
    body,
  };
}
