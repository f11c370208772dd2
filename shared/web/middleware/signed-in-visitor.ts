import type middy from '@middy/core';
import { AdminRequiredError, SignInRequiredError } from '../http-errors.ts';
import { type SignedInDependencies, visitorOf } from '../signed-in.ts';
import type { Event, Result, WebContext } from './route.ts';

/**
 * Who is asking, on `request.context.visitor` (null without a valid session). A route for visitors
 * refuses anyone else here, and only here: the error responses turn that into a 401 problem for the
 * API and a redirect to sign-in for pages.
 */
export function signedInVisitor(
  deps: SignedInDependencies,
): middy.MiddlewareObj<Event, Result, Error, WebContext> {
  return {
    before: async (request) => {
      const route = request.context.route;
      const { visitor } = await visitorOf(deps, request.event, new Date());
      request.context.visitor = visitor;
      if (route?.access === 'anyone') return;
      if (!visitor) throw new SignInRequiredError('Sign in first');
      if (route?.access === 'admin' && !visitor.isAdmin)
        throw new AdminRequiredError('This needs the admin role');
    },
  };
}
