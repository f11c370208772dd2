import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/*
 * Response shapes shared by the pages and the JSON API. The security headers are added to every
 * response by one middleware (`middleware/security-headers.ts`), not here.
 */

type Result = APIGatewayProxyStructuredResultV2;

export { securityHeaders } from './middleware/security-headers.ts';

export const htmlResponse = (statusCode: number, body: string, cookies: string[] = []): Result => ({
  statusCode,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  ...(cookies.length > 0 ? { cookies } : {}),
  body,
});

/** 303 See Other: after a form's POST the browser GETs the page again (reloading re-posts nothing). */
export const redirectResponse = (location: string, cookies: string[] = []): Result => ({
  statusCode: 303,
  headers: { location },
  ...(cookies.length > 0 ? { cookies } : {}),
  body: '',
});

export const jsonResponse = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): Result => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

/** No content (a DELETE done). */
export const emptyResponse = (statusCode = 204): Result => ({ statusCode, body: '' });

/** An `application/problem+json` answer (RFC 9457), with one message per field when there are several. */
export const problemResponse = (
  status: number,
  title: string,
  errors?: { field: string; message: string }[],
): Result => ({
  statusCode: status,
  headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify({ type: 'about:blank', title, status, ...(errors ? { errors } : {}) }),
});
