import type middy from '@middy/core';
import type { Logger } from '../../log/logger.ts';
import {
  type KnownProblem,
  knownProblemOf,
  type Problem,
  SignInRequiredError,
  unexpectedProblem,
} from '../http-errors.ts';
import { renderMessagePage } from '../page-layout.ts';
import { htmlResponse, problemResponse, redirectResponse } from '../page-responses.ts';
import { type Event, type Result, routeRequestOf, type WebContext } from './route.ts';

const pageTitles: Readonly<Record<number, string>> = {
  400: 'Something in the request is not right',
  404: 'Page not found',
  409: 'It was changed meanwhile',
  410: 'This link has expired',
  413: 'Too large',
  415: 'Not a form',
  429: 'Too many requests',
};

/** The generic error page: what went wrong, with the navigation when someone is signed in. */
function errorPage(known: KnownProblem, context: WebContext): Result {
  const { problem, page } = known;
  const title =
    page?.title ??
    pageTitles[problem.status] ??
    (problem.status >= 500 ? 'Something went wrong' : problem.title);
  const lines = [
    page?.text ?? problem.title,
    ...(problem.errors ?? []).map((one) => `${one.field}: ${one.message}`),
  ];
  const nav = context.visitor?.nav(null);
  return htmlResponse(problem.status, renderMessagePage(title, lines, nav ? { nav } : {}));
}

const problemJson = (problem: Problem): Result =>
  problemResponse(problem.status, problem.title, problem.errors ? [...problem.errors] : undefined);

/**
 * The one place where errors become answers: each typed error through the map in `http-errors.ts` to
 * its status, then a problem+json for JSON or a page for HTML (the route's own, showing the problem
 * in place, when it has one). A missing session on a page is a redirect to sign-in. Anything
 * unexpected is logged and a bare 500.
 */
export function errorResponses(logger: Logger): middy.MiddlewareObj<Event, Result, Error, WebContext> {
  return {
    onError: async (request) => {
      if (request.response !== undefined) return;
      const { error, context } = request;
      const known = knownProblemOf(error);
      if (known)
        logger.info('request rejected', { status: known.problem.status, problem: known.problem.title });
      else logger.error('request failed', { error });
      const answer = known ?? { problem: unexpectedProblem };
      if (context.wantsJson) {
        request.response = problemJson(answer.problem);
        return;
      }
      if (error instanceof SignInRequiredError) {
        request.response = redirectResponse('/sign-in');
        return;
      }
      const route = context.route;
      if (known && route?.problemPage) {
        try {
          const page = await route.problemPage(routeRequestOf(request.event, context), known, error);
          if (page) {
            request.response = page;
            return;
          }
        } catch (pageError) {
          logger.error('error page failed', { error: pageError });
        }
      }
      request.response = errorPage(answer, context);
    },
  };
}
