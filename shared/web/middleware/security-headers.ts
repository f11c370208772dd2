import { createHash } from 'node:crypto';
import type middy from '@middy/core';
import { normalizeHttpResponse } from '@middy/util';
import { zoneGuessScript } from '../zone-guess-script.ts';
import type { Event, Result, WebContext } from './route.ts';

/** The one inline script the pages may run (the sign-up's time zone guess), allowed by its hash. */
const scriptHash = `'sha256-${createHash('sha256').update(zoneGuessScript).digest('base64')}'`;

/*
 * Pages have no scripts but one, so the CSP allows only that one by its hash; forms may only post back to this origin and nobody
 * may frame a page. One small middleware rather than @middy/http-security-headers: that one writes
 * its own casing next to ours (two CSP headers), sets its CSP on HTML only and adds
 * upgrade-insecure-requests, which breaks the local http:// server.
 */
export const securityHeaders = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
  'x-content-type-options': 'nosniff',
  'content-security-policy': `default-src 'none'; script-src ${scriptHash}; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
} as const;

/** The headers on every response, errors and 404s included; a route may set its own CSP (the digest preview). */
export function addSecurityHeaders(): middy.MiddlewareObj<Event, Result, Error, WebContext> {
  const add = async (request: middy.Request<Event, Result, Error, WebContext>) => {
    if (request.response === undefined) return;
    normalizeHttpResponse(request as never);
    const response = request.response as Result & { headers: Record<string, string | number | boolean> };
    const given = new Set(Object.keys(response.headers).map((name) => name.toLowerCase()));
    for (const [name, value] of Object.entries(securityHeaders))
      if (!given.has(name)) response.headers[name] = value;
  };
  return { after: add, onError: add };
}
