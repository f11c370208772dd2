import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
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
import { renderCalendarPage, renderSavedEventNotFoundPage } from './calendar-page.ts';
import { formFieldsOf, htmlResponse, redirectResponse } from './page-responses.ts';
import { isResult, pageVisitor, type SignedInDependencies } from './signed-in.ts';

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

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
    {
      method: 'GET' as const,
      path: '/calendar',
      handler: async (event: Event): Promise<Result> => {
        const visitor = await pageVisitor(deps, event);
        if (isResult(visitor)) return visitor;
        const now = new Date();
        const [urls, saved] = await Promise.all([
          calendarUrlsFor(subscription(event), visitor.profile.id, now),
          listSavedEvents(deps.saved, visitor.profile.id, now),
        ]);
        const done = event.queryStringParameters?.done ?? '';
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
    },
    {
      method: 'POST' as const,
      path: '/calendar/rotate',
      handler: async (event: Event): Promise<Result> => {
        const visitor = await pageVisitor(deps, event, formFieldsOf(event));
        if (isResult(visitor)) return visitor;
        await rotateCalendarUrl(subscription(event), visitor.profile.id, new Date());
        return redirectResponse('/calendar?done=rotated');
      },
    },
    {
      // CSRF first, then 404 for an event this user did not save: another user's saved event is never reached.
      method: 'POST' as const,
      path: '/calendar/saved/{eventId}/remove',
      handler: async (event: Event): Promise<Result> => {
        const visitor = await pageVisitor(deps, event, formFieldsOf(event));
        if (isResult(visitor)) return visitor;
        const notFound = () => htmlResponse(404, renderSavedEventNotFoundPage(visitor.nav('calendar')));
        const eventId = event.pathParameters?.eventId ?? '';
        if (!eventIdPattern.test(eventId)) return notFound();
        try {
          await unsaveEventForUser(deps.saved, visitor.profile.id, eventId, new Date());
        } catch (error) {
          if (error instanceof EventNotSavedError) return notFound();
          throw error;
        }
        return redirectResponse('/calendar?done=removed');
      },
    },
  ];
}
