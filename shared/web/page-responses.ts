import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from 'zod';

/*
 * Response shapes shared by the pages and the JSON API. Pages have no scripts, so the CSP allows
 * none; forms may only post back to this origin and nobody may frame a page.
 */

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

export const securityHeaders = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
} as const;

export const htmlResponse = (statusCode: number, body: string, cookies: string[] = []): Result => ({
  statusCode,
  headers: { ...securityHeaders, 'content-type': 'text/html; charset=utf-8' },
  ...(cookies.length > 0 ? { cookies } : {}),
  body,
});

/** 303 See Other: after a form's POST the browser GETs the page again (reloading re-posts nothing). */
export const redirectResponse = (location: string, cookies: string[] = []): Result => ({
  statusCode: 303,
  headers: { ...securityHeaders, location },
  ...(cookies.length > 0 ? { cookies } : {}),
  body: '',
});

export const jsonResponse = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): Result => ({
  statusCode,
  headers: { ...securityHeaders, 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

/** An `application/problem+json` answer (RFC 9457), with one message per field when there are several. */
export const problemResponse = (
  status: number,
  title: string,
  errors?: { field: string; message: string }[],
): Result => ({
  statusCode: status,
  headers: { ...securityHeaders, 'content-type': 'application/problem+json' },
  body: JSON.stringify({ type: 'about:blank', title, status, ...(errors ? { errors } : {}) }),
});

/** A zod error as a 400 problem with one message per field. */
export const invalidResponse = (error: z.ZodError): Result =>
  problemResponse(
    400,
    'The request is not valid',
    error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message })),
  );

/** A JSON body: null when there is none, undefined when it is not JSON. */
export function jsonBodyOf(event: Event): unknown {
  if (!event.body) return null;
  try {
    return JSON.parse(
      event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body,
    );
  } catch {
    return undefined;
  }
}

/** Forms are small; anything beyond this is not a form of ours. */
const maxFormBytes = 16_384;

/** An HTML form's fields (application/x-www-form-urlencoded), repeated names kept (checkbox groups). */
export function formFieldsOf(event: Event): URLSearchParams {
  if (!event.body) return new URLSearchParams();
  const body = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  return new URLSearchParams(body.slice(0, maxFormBytes));
}
