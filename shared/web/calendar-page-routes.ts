import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  type CalendarSubscriptionDependencies,
  calendarUrlsFor,
  rotateCalendarUrl,
} from '../calendar/calendar-subscription.ts';
import { listSavedEvents, type SavedEventListDependencies } from '../calendar/list-saved-events.ts';
import {
  EventNotSavedError,
  type UnsaveEventDependencies,
  unsaveEventForUser,
} from '../calendar/unsave-event.ts';
import { renderCalendarPage, renderSavedEventNotFoundPage } from './calendar-page.tsx';
import { respond, route } from './middleware/route.ts';
import { emptyResponse, htmlResponse, jsonResponse, redirectResponse } from './page-responses.ts';
import type { SignedInDependencies } from './signed-in.ts';

/*
 * The calendar subscription and the saved events in it, as pages and as the JSON API (one route
 * each, answering as asked).
 */

type Event = APIGatewayProxyEventV2;

export interface CalendarPageDependencies extends SignedInDependencies {
  readonly calendar: Omit<CalendarSubscriptionDependencies, 'publicBaseUrl'>;
  /** The user's saved events: listed on the page, and removed from it (which mails the cancellation). */
  readonly saved: SavedEventListDependencies & UnsaveEventDependencies;
  readonly publicBaseUrlOf: (event: Event) => string;
}

const statusLines: Record<string, string> = {
  rotated: 'Your calendar has a new URL; the old one no longer works.',
  removed: 'The event is removed from your calendar.',
};

const eventIdPattern = /^evt_[0-9a-f]{20}$/;

export function calendarPageRoutes(deps: CalendarPageDependencies) {
  const subscription = (event: Event) => ({ ...deps.calendar, publicBaseUrl: deps.publicBaseUrlOf(event) });
  return [
    ...route(
      {
        method: 'GET',
        path: '/calendar',
        access: 'visitor',
        handler: async (request) => {
          const { visitor } = request;
          const now = new Date();
          const urls = await calendarUrlsFor(subscription(request.event), visitor.profile.id, now);
          return respond(request, {
            json: () => jsonResponse(200, urls),
            html: async () => {
              const saved = await listSavedEvents(deps.saved, visitor.profile.id, now);
              const done = request.query('done') ?? '';
              return htmlResponse(
                200,
                renderCalendarPage(
                  urls,
                  { events: saved, timeZone: visitor.profile.timeZone },
                  visitor.nav('calendar'),
                  Object.hasOwn(statusLines, done) ? (statusLines[done] ?? null) : null,
                ),
              );
            },
          });
        },
      },
      [{ method: 'GET', path: '/api/calendar' }],
    ),
    ...route(
      {
        method: 'POST',
        path: '/calendar/rotate',
        access: 'visitor',
        body: 'form-or-json',
        handler: async (request) => {
          const urls = await rotateCalendarUrl(
            subscription(request.event),
            request.visitor.profile.id,
            new Date(),
          );
          return respond(request, {
            html: () => redirectResponse('/calendar?done=rotated'),
            json: () => jsonResponse(200, urls),
          });
        },
      },
      [{ method: 'POST', path: '/api/calendar/rotate' }],
    ),
    ...route(
      {
        // "Remove from my calendar": the event leaves the feed and the invitation is cancelled by mail.
        // An event this user did not save is a 404: another user's saved event is never reached.
        method: 'POST',
        path: '/calendar/saved/{eventId}/remove',
        access: 'visitor',
        body: 'form-or-json',
        handler: async (request) => {
          const eventId = request.param('eventId');
          if (!eventIdPattern.test(eventId)) throw new EventNotSavedError(eventId);
          await unsaveEventForUser(deps.saved, request.visitor.profile.id, eventId, new Date());
          return respond(request, {
            html: () => redirectResponse('/calendar?done=removed'),
            json: () => emptyResponse(204),
          });
        },
        problemPage: (request, { problem }) =>
          problem.status === 404
            ? htmlResponse(404, renderSavedEventNotFoundPage(request.visitor.nav('calendar')))
            : null,
      },
      [{ method: 'DELETE', path: '/api/saved-events/{eventId}' }],
    ),
  ];
}
