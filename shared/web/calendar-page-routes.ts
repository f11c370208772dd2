import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  type CalendarSubscriptionDependencies,
  calendarUrlsFor,
  rotateCalendarUrl,
} from '../calendar/calendar-subscription.ts';
import { renderCalendarPage } from './calendar-page.ts';
import { formFieldsOf, htmlResponse, redirectResponse } from './page-responses.ts';
import { isResult, pageVisitor, type SignedInDependencies } from './signed-in.ts';

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

export interface CalendarPageDependencies extends SignedInDependencies {
  readonly calendar: Omit<CalendarSubscriptionDependencies, 'publicBaseUrl'>;
  readonly publicBaseUrlOf: (event: Event) => string;
}

export function calendarPageRoutes(deps: CalendarPageDependencies) {
  const subscription = (event: Event) => ({ ...deps.calendar, publicBaseUrl: deps.publicBaseUrlOf(event) });
  return [
    {
      method: 'GET' as const,
      path: '/calendar',
      handler: async (event: Event): Promise<Result> => {
        const visitor = await pageVisitor(deps, event);
        if (isResult(visitor)) return visitor;
        const urls = await calendarUrlsFor(subscription(event), visitor.profile.id, new Date());
        const rotated = event.queryStringParameters?.done === 'rotated';
        return htmlResponse(
          200,
          renderCalendarPage(
            urls,
            visitor.nav('calendar'),
            rotated ? 'Your calendar has a new URL; the old one no longer works.' : null,
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
  ];
}
