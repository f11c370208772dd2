import type middy from '@middy/core';
import { cookieValue, isValidCsrfToken } from '../../auth/session-cookie.ts';
import { CsrfRejectedError } from '../http-errors.ts';
import { type Event, isUnsafeMethod, type Result, type WebContext } from './route.ts';

/** Before there is a session, the sign-in forms are protected by a random cookie echoed in a hidden field. */
export const preSessionCookieName = 'trellis_csrf';

/**
 * Every unsafe request carries its CSRF token: a form in its `csrf` field, a JSON call in the
 * `X-CSRF-Token` header (the token of the session, from `shared/auth/session-cookie.ts`); the sign-in
 * forms echo their pre-session cookie. Runs after the body is parsed (the form's field is in it) and
 * before the route, for every route unless the route names why it needs none.
 */
export function csrfCheck(deps: {
  readonly sessionKey: () => Promise<Uint8Array>;
}): middy.MiddlewareObj<Event, Result, Error, WebContext> {
  return {
    before: async (request) => {
      const { route, visitor, body } = request.context;
      if (!route || !isUnsafeMethod(request.event.requestContext.http.method)) return;
      if (typeof route.csrf === 'object') return;
      const field = body?.kind === 'form' ? body.form.get('csrf') : null;
      if (route.csrf === 'pre-session') {
        const cookie = cookieValue(request.event.cookies, preSessionCookieName);
        if (cookie === null || field !== cookie) throw new CsrfRejectedError('The form expired');
        return;
      }
      // No session, nothing to forge: routes for visitors were refused before this.
      if (!visitor) return;
      const given = field ?? request.event.headers['x-csrf-token'];
      if (!isValidCsrfToken(given, visitor.session, await deps.sessionKey()))
        throw new CsrfRejectedError('Missing or wrong CSRF token');
    },
  };
}
