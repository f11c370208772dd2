import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createSession, sessionCookieName } from '../../../shared/auth/session-cookie.ts';
import { CalendarRotationConflictError } from '../../../shared/calendar/calendar-subscription.ts';
import { EventNotFoundError } from '../../../shared/calendar/save-event.ts';
import { EventNotSavedError } from '../../../shared/calendar/unsave-event.ts';
import {
  ContactChangedError,
  ContactDateInFutureError,
  ContactNotFoundError,
} from '../../../shared/contacts/contact-errors.ts';
import { silentLogger } from '../../../shared/log/logger.ts';
import { ExpiredLinkError, InvalidLinkError } from '../../../shared/security/signed-links.ts';
import { TooManyPendingSuggestionsError } from '../../../shared/sources/suggest-source.ts';
import { SuggestionNotFoundError } from '../../../shared/store/source-suggestion-store.ts';
import { UserChangedError } from '../../../shared/store/user-repository.ts';
import type { UserProfile } from '../../../shared/users/user-profile.ts';
import * as z from '../../../shared/validation/zod.ts';
import { type ApiRouteDependencies, apiRoutes } from '../../../shared/web/api-routes.ts';
import {
  AdminRequiredError,
  CsrfRejectedError,
  NotFoundError,
  SignInRequiredError,
} from '../../../shared/web/http-errors.ts';
import { isUnsafeMethod, type Route, respond, route } from '../../../shared/web/middleware/route.ts';
import { securityHeaders } from '../../../shared/web/middleware/security-headers.ts';
import { webHandler } from '../../../shared/web/middleware/web-handler.ts';
import { htmlResponse, jsonResponse } from '../../../shared/web/page-responses.ts';

/*
 * The web middlewares as one chain, on routes of our own and on the api function's real route table
 * (with dependencies that are never reached: every request here is refused before its route runs).
 */

const key = new Uint8Array(32).fill(7);
const profile = {
  id: 'usr_0123456789abcdef',
  email: 'admin@trellis.test',
  emailConfirmed: true,
  timeZone: 'Europe/Berlin',
} as unknown as UserProfile;
const signedIn = {
  sessionKey: async () => key,
  users: { get: async (id: string) => (id === profile.id ? profile : null) },
  adminEmails: new Set([profile.email]),
};
const sessionCookie = () => `${sessionCookieName}=${createSession(profile.id, new Date(), key).value}`;

function eventFor(
  method: string,
  path: string,
  init: { headers?: Record<string, string>; cookies?: string[]; body?: string } = {},
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: init.headers ?? {},
    ...(init.cookies ? { cookies: init.cookies } : {}),
    ...(init.body !== undefined ? { body: init.body } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'req',
      routeKey: '$default',
      stage: '$default',
      time: '',
      timeEpoch: 0,
    },
  } as APIGatewayProxyEventV2;
}

async function call(routes: Route[], event: APIGatewayProxyEventV2) {
  const handler = webHandler({ routes, signedIn, logger: silentLogger });
  return (await handler(event, {} as Context)) as APIGatewayProxyStructuredResultV2 & {
    headers: Record<string, string>;
  };
}

const ours: Route[] = [
  ...route({
    method: 'GET',
    path: '/',
    access: 'anyone',
    handler: async () => htmlResponse(200, '<p>hi</p>'),
  }),
  ...route({
    method: 'GET',
    path: '/boom',
    access: 'anyone',
    handler: async () => {
      throw new TypeError('a bug');
    },
  }),
  ...route(
    { method: 'GET', path: '/mine', access: 'visitor', handler: async () => htmlResponse(200, 'mine') },
    [{ method: 'GET', path: '/api/mine' }],
  ),
  ...route(
    {
      method: 'GET',
      path: '/things',
      access: 'anyone',
      handler: async (request) =>
        respond(request, {
          html: () => htmlResponse(200, '<ul><li>one</li></ul>'),
          json: () => jsonResponse(200, { things: ['one'] }),
        }),
    },
    [{ method: 'GET', path: '/api/things' }],
  ),
];

describe('the signed-in visitor', () => {
  it('is decided in one place: 401 problem+json for the API, a redirect to sign-in for pages', async () => {
    const api = await call(ours, eventFor('GET', '/api/mine'));
    expect(api.statusCode).toBe(401);
    expect(api.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(api.body ?? '')).toMatchObject({ status: 401, title: 'Sign in first' });

    const page = await call(ours, eventFor('GET', '/mine'));
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/sign-in');

    const asJson = await call(ours, eventFor('GET', '/mine', { headers: { accept: 'application/json' } }));
    expect(asJson.statusCode).toBe(401);

    const mine = await call(ours, eventFor('GET', '/mine', { cookies: [sessionCookie()] }));
    expect(mine.statusCode).toBe(200);
  });
});

describe('content negotiation', () => {
  it('answers one route as a page or as JSON, by Accept and under /api/', async () => {
    const page = await call(ours, eventFor('GET', '/things', { headers: { accept: 'text/html,*/*;q=0.8' } }));
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<li>one</li>');

    const json = await call(ours, eventFor('GET', '/things', { headers: { accept: 'application/json' } }));
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(json.body ?? '')).toEqual({ things: ['one'] });

    const api = await call(ours, eventFor('GET', '/api/things', { headers: { accept: '*/*' } }));
    expect(JSON.parse(api.body ?? '')).toEqual({ things: ['one'] });
  });
});

describe('security headers', () => {
  it('are on every response: the overview, a 404 (page and JSON) and a 500', async () => {
    const responses = [
      await call(ours, eventFor('GET', '/')),
      await call(ours, eventFor('GET', '/no/such/page')),
      await call(ours, eventFor('GET', '/api/no/such/thing')),
      await call(ours, eventFor('GET', '/boom')),
    ];
    expect(responses.map((response) => response.statusCode)).toEqual([200, 404, 404, 500]);
    for (const response of responses) expect(response.headers).toMatchObject(securityHeaders);
    expect(responses[3]?.body).not.toContain('a bug');
  });
});

describe('the error map', () => {
  const thrown = (error: Error): Route[] =>
    route(
      {
        method: 'GET',
        path: '/fails',
        access: 'anyone',
        handler: async () => {
          throw error;
        },
      },
      [{ method: 'GET', path: '/api/fails' }],
    );
  const cases: [Error, number][] = [
    [z.object({ hour: z.number() }).safeParse({ hour: 'x' }).error as Error, 400],
    [new SignInRequiredError('x'), 401],
    [new AdminRequiredError('x'), 403],
    [new CsrfRejectedError('x'), 403],
    [new NotFoundError('No such thing'), 404],
    [new ContactNotFoundError('con'), 404],
    [new EventNotFoundError('evt'), 404],
    [new EventNotSavedError('evt'), 404],
    [new SuggestionNotFoundError('sug'), 404],
    [new ContactDateInFutureError('must be today or earlier'), 400],
    [new UserChangedError('usr'), 409],
    [new ContactChangedError('con'), 409],
    [new CalendarRotationConflictError('usr'), 409],
    [new TooManyPendingSuggestionsError('at most 5'), 429],
    [new ExpiredLinkError('This link has expired'), 410],
    [new InvalidLinkError('This link is not valid'), 400],
    [new TypeError('unexpected'), 500],
  ];

  it.each(cases)('maps %s to its status and a problem+json', async (error, status) => {
    const response = await call(thrown(error), eventFor('GET', '/api/fails'));
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.body ?? '')).toMatchObject({ type: 'about:blank', status });
  });

  it('names each field of a validation error, and shows pages an error page with the same status', async () => {
    const error = z.object({ hour: z.number() }).safeParse({ hour: 'x' }).error as Error;
    const json = await call(thrown(error), eventFor('GET', '/api/fails'));
    expect(JSON.parse(json.body ?? '')).toMatchObject({ errors: [{ field: 'hour' }] });
    const page = await call(thrown(new ContactChangedError('con')), eventFor('GET', '/fails'));
    expect(page.statusCode).toBe(409);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
  });
});

describe("the api function's route table", () => {
  /** Dependencies that are never reached: any use of them is a stand-in that does nothing. */
  const unreached: unknown = new Proxy(() => unreached, {
    get: (_target, name) => (name === 'then' ? undefined : unreached),
  });
  const routes = apiRoutes({
    ...(Object.fromEntries(
      ['overview', 'links', 'account', 'myData', 'contacts', 'profile', 'calendar', 'digest', 'sources'].map(
        (name) => [name, unreached],
      ),
    ) as unknown as ApiRouteDependencies),
  });
  const unsafe = routes.filter((one) => isUnsafeMethod(one.method));

  it('exempts from CSRF only the signed one-click links, each with its reason', () => {
    expect(
      unsafe.filter((one) => typeof one.csrf === 'object').map((one) => `${one.method} ${one.path}`),
    ).toEqual(['POST /a/{token}']);
  });

  it.each(
    unsafe.filter((one) => typeof one.csrf !== 'object').map((one) => [`${one.method} ${one.path}`, one]),
  )('refuses %s without its CSRF token (form and JSON alike), with a session', async (_name, one) => {
    const path = one.path.replace(/\{[^}]+\}/g, 'con_0123456789abcdef');
    for (const body of [
      { 'content-type': 'application/x-www-form-urlencoded', body: 'csrf=forged&name=x' },
      { 'content-type': 'application/json', body: '{"name":"x"}' },
    ]) {
      const response = await call(
        routes,
        eventFor(one.method, path, {
          headers: { 'content-type': body['content-type'], 'x-csrf-token': 'forged' },
          cookies: [sessionCookie(), 'trellis_csrf=aaaaaaaaaaaaaaaaaaaaaa'],
          body: body.body,
        }),
      );
      expect(response.statusCode, `${one.method} ${path} ${body['content-type']}`).toBe(403);
      expect(response.headers).toMatchObject(securityHeaders);
    }
  });
});
