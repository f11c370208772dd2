import type middy from '@middy/core';
import httpRouterHandler from '@middy/http-router';
import { NotFoundError } from '../http-errors.ts';
import type { Event, Result, Route, WebContext } from './route.ts';

/**
 * Finds the route of a request with @middy/http-router (which also fills the path parameters), so
 * that the middlewares after it know what the route needs; no route is a 404.
 */
export function resolveRoute(
  routes: readonly Route[],
): middy.MiddlewareObj<Event, Result, Error, WebContext> {
  const match = httpRouterHandler<Event, Route>({
    routes: routes.map((route) => ({ method: route.method, path: route.path, handler: async () => route })),
    notFoundResponse: () => {
      throw new NotFoundError('There is nothing at this address');
    },
  });
  return {
    before: async (request) => {
      request.context.route = await match(request.event, request.context);
    },
  };
}
