import type middy from '@middy/core';
import httpContentNegotiation from '@middy/http-content-negotiation';
import type { Event, Result, WebContext } from './route.ts';

const negotiation = httpContentNegotiation({
  parseCharsets: false,
  parseEncodings: false,
  parseLanguages: false,
  parseMediaTypes: true,
  availableMediaTypes: ['text/html', 'application/json'],
  // A client that accepts neither still gets the page (or, under /api/, the JSON).
  failOnMismatch: false,
});

/**
 * HTML or JSON: JSON under `/api/` (those URLs always were the JSON API) and wherever Accept prefers
 * `application/json` (@middy/http-content-negotiation); a page otherwise. Decided once, before
 * anything can fail, so every answer, errors included, comes in the asked-for form.
 */
export function negotiateRepresentation(): middy.MiddlewareObj<Event, Result, Error, WebContext> {
  return {
    before: async (request) => {
      await negotiation.before?.(request as never);
      request.context.wantsJson =
        request.event.rawPath.startsWith('/api/') ||
        request.context.preferredMediaType === 'application/json';
    },
  };
}
