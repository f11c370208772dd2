import middy, { type MiddlewareObj } from '@middy/core';
import type { Logger } from '../../log/logger.ts';
import type { SignedInDependencies } from '../signed-in.ts';
import { csrfCheck } from './csrf.ts';
import { errorResponses } from './error-responses.ts';
import { negotiateRepresentation } from './negotiate-representation.ts';
import { parseBody } from './parse-body.ts';
import { resolveRoute } from './resolve-route.ts';
import { type Event, type Result, type Route, routeRequestOf, type WebContext } from './route.ts';
import { addSecurityHeaders } from './security-headers.ts';
import { signedInVisitor } from './signed-in-visitor.ts';

/**
 * The web layer's middlewares, each once, in this order (befores top down, errors and afters bottom up):
 * security headers (outermost, so every answer has them, errors included) → error responses (the one
 * error map) → HTML or JSON (known before anything can fail) → the route (404 when none) → the
 * signed-in visitor (401 / sign-in redirect) → the body → CSRF (needs the form's field) → the route's
 * handler.
 */
export function webHandler(deps: {
  readonly routes: readonly Route[];
  readonly signedIn: SignedInDependencies;
  readonly logger: Logger;
  /** Outermost, before everything else: the function's observability (trace, log context, metrics). */
  readonly outermost?: readonly MiddlewareObj[];
}) {
  return middy<Event, Result, Error, WebContext>()
    .use([...(deps.outermost ?? [])] as MiddlewareObj<Event, Result, Error, WebContext>[])
    .use(addSecurityHeaders())
    .use(errorResponses(deps.logger))
    .use(negotiateRepresentation())
    .use(resolveRoute(deps.routes))
    .use(signedInVisitor(deps.signedIn))
    .use(parseBody())
    .use(csrfCheck(deps.signedIn))
    .handler(async (event, context) => {
      const route = context.route;
      if (!route) throw new Error('no route resolved');
      if (context.body?.kind === 'unsupported') throw context.body.problem;
      return route.handler(routeRequestOf(event, context));
    });
}
