import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  cookieValue,
  createSession,
  sessionLifetimeSeconds,
  sessionSetCookie,
} from '../auth/session-cookie.ts';
import { completeSignIn, requestSignIn, type SignInDependencies, sendWelcome } from '../auth/sign-in.ts';
import { likelyZones } from '../browse/likely-zones.ts';
import { type CalendarSubscriptionDependencies, calendarUrlsFor } from '../calendar/calendar-subscription.ts';
import type { ContactRepository } from '../store/contact-repository.ts';
import type { UserRepository } from '../store/user-repository.ts';
import { ianaZoneName } from '../time/iana-zone-name.ts';
import { receivesDigests } from '../users/digest-eligibility.ts';
import type { SaveProfileDependencies } from '../users/save-profile.ts';
import { signOutEverywhere } from '../users/sign-out-everywhere.ts';
import { updateProfile } from '../users/update-profile.ts';
import type { UserProfile } from '../users/user-profile.ts';
import * as z from '../validation/zod.ts';
import { lazySchema } from '../validation/zod.ts';
import {
  renderAccountPage,
  renderSignInConfirmation,
  renderSignInFailed,
  renderSignInPage,
  renderSignInSent,
  type ZoneChoice,
} from './account-pages.tsx';
import { preSessionCookieName } from './middleware/csrf.ts';
import { formOf, jsonOf, type RouteRequest, route } from './middleware/route.ts';
import { htmlResponse, jsonResponse, redirectResponse } from './page-responses.ts';

type Event = APIGatewayProxyEventV2;

export interface AccountRouteDependencies {
  readonly signIn: Omit<SignInDependencies, 'publicBaseUrl'>;
  readonly users: UserRepository;
  readonly profiles: SaveProfileDependencies;
  readonly calendar: Omit<CalendarSubscriptionDependencies, 'publicBaseUrl'>;
  readonly sessionKey: () => Promise<Uint8Array>;
  /** Configured public URL, or null to use the request's own host. */
  readonly publicBaseUrl: string | null;
  readonly contacts: Pick<ContactRepository, 'listForUser'>;
}

const html = htmlResponse;
const redirect = redirectResponse;

/** Where links point: the configured public URL, else the host and scheme the request came to. */
export function publicBaseUrlFor(configured: string | null, event: Event): string {
  const scheme = event.headers['x-forwarded-proto'] === 'http' ? 'http' : 'https';
  return configured ?? `${scheme}://${event.requestContext.domainName}`;
}

const isSecure = (baseUrl: string) => baseUrl.startsWith('https:');

/** The sign-in forms' token: the pre-session cookie's value, set now when there is none yet. */
function preSessionCookie(event: Event, secure: boolean): { token: string; setCookie: string[] } {
  const existing = cookieValue(event.cookies, preSessionCookieName);
  if (existing && /^[A-Za-z0-9_-]{22}$/.test(existing)) return { token: existing, setCookie: [] };
  const token = randomBytes(16).toString('base64url');
  return {
    token,
    setCookie: [
      `${preSessionCookieName}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=3600${secure ? '; Secure' : ''}`,
    ],
  };
}

const meSchema = lazySchema(() => z.object({ firstSignIn: z.optional(z.literal('1')) }));

/** Routes for signing in and out, the account page and `/api/me`. */
export function accountRoutes(deps: AccountRouteDependencies) {
  /**
   * On a sign-in link's page: when the link's address has no account yet (this sign-in makes it), the
   * time zone to confirm, guessed from the browser's languages (its script then selects its own zone).
   */
  const newAccountChoice = async (request: RouteRequest, now: Date): Promise<ZoneChoice | null> => {
    const token = request.param('token');
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const email = await deps.signIn.signIns.peek(token, now);
    if (!email || (await deps.users.getByEmail(email))) return null;
    const likely = likelyZones(request.event.headers['accept-language'], now);
    return { likely, selected: likely[0] ?? 'UTC' };
  };
  const baseUrlOf = (request: RouteRequest) => publicBaseUrlFor(deps.publicBaseUrl, request.event);
  const formToken = (request: RouteRequest) => preSessionCookie(request.event, isSecure(baseUrlOf(request)));
  const signedOut = (request: RouteRequest) =>
    redirect('/sign-in', [sessionSetCookie('', 0, isSecure(baseUrlOf(request)))]);
  const profileJson = (profile: UserProfile, csrf: string) =>
    jsonResponse(200, { profile }, { 'x-csrf-token': csrf });

  return [
    ...route({
      method: 'GET',
      path: '/sign-in',
      access: 'anyone',
      handler: async (request) => {
        const csrf = formToken(request);
        return html(200, renderSignInPage(csrf.token), csrf.setCookie);
      },
    }),
    ...route({
      method: 'POST',
      path: '/sign-in',
      access: 'anyone',
      body: 'form',
      csrf: 'pre-session',
      handler: async (request) => {
        const outcome = await requestSignIn(
          { ...deps.signIn, publicBaseUrl: baseUrlOf(request) },
          { email: formOf(request).get('email') ?? '' },
          request.event.requestContext.http.sourceIp,
          new Date(),
        );
        if (outcome === 'rate-limited')
          return html(
            429,
            renderSignInPage(
              formToken(request).token,
              'Too many sign-in links asked for; try again in an hour.',
            ),
          );
        return html(200, renderSignInSent());
      },
      problemPage: (request, { problem }) => {
        const csrf = formToken(request);
        if (problem.status === 403)
          return html(
            403,
            renderSignInPage(csrf.token, 'The form expired; please try again.'),
            csrf.setCookie,
          );
        if (problem.status === 400)
          return html(
            400,
            renderSignInPage(
              csrf.token,
              'Please enter a valid email address.',
              formOf(request).get('email') ?? '',
            ),
          );
        return null;
      },
    }),
    ...route({
      // A GET only asks (mail scanners open links); the POST uses the link up.
      method: 'GET',
      path: '/sign-in/{token}',
      access: 'anyone',
      handler: async (request) => {
        const csrf = formToken(request);
        const newAccount = await newAccountChoice(request, new Date());
        return html(200, renderSignInConfirmation(csrf.token, newAccount), csrf.setCookie);
      },
    }),
    ...route({
      method: 'POST',
      path: '/sign-in/{token}',
      access: 'anyone',
      body: 'form',
      csrf: 'pre-session',
      handler: async (request) => {
        const now = new Date();
        // A new account's zone, as confirmed on the link's page; one that is not a zone is asked again.
        const zoneSent = formOf(request).get('timeZone')?.trim() ?? '';
        const timeZone = zoneSent === '' ? null : ianaZoneName(zoneSent);
        if (zoneSent !== '' && timeZone === null) {
          const likely = likelyZones(request.event.headers['accept-language'], now);
          return html(
            400,
            renderSignInConfirmation(formToken(request).token, {
              likely,
              selected: likely[0] ?? 'UTC',
              problem: 'Your time zone: choose one from the list.',
            }),
          );
        }
        const signedIn = await completeSignIn(
          deps.signIn,
          request.param('token'),
          now,
          timeZone ? { timeZone } : {},
        );
        if (!signedIn) return html(410, renderSignInFailed());
        if (signedIn.firstSignIn)
          await sendWelcome({ ...deps.signIn, publicBaseUrl: baseUrlOf(request) }, signedIn.email, now);
        const { value } = createSession(signedIn.userId, now, await deps.sessionKey());
        const cookie = sessionSetCookie(value, sessionLifetimeSeconds, isSecure(baseUrlOf(request)));
        return redirect(signedIn.firstSignIn ? '/account?firstSignIn=1' : '/account', [cookie]);
      },
      problemPage: (_request, { problem }) =>
        problem.status === 403 ? html(403, renderSignInFailed()) : null,
    }),
    ...route({
      method: 'GET',
      path: '/account',
      access: 'visitor',
      handler: async (request) => {
        const { profile } = request.visitor;
        const [urls, contacts] = await Promise.all([
          calendarUrlsFor({ ...deps.calendar, publicBaseUrl: baseUrlOf(request) }, profile.id, new Date()),
          deps.contacts.listForUser(profile.id),
        ]);
        const query = meSchema.safeParse(request.event.queryStringParameters ?? {});
        return html(
          200,
          renderAccountPage(
            {
              email: profile.email,
              firstSignIn: query.success && query.data.firstSignIn === '1',
              calendarWebcal: urls.webcal,
              topicCount: profile.topics.length + profile.keywords.length,
              contactCount: contacts.length,
              receivesDigest: receivesDigests(profile),
            },
            request.visitor.nav('account'),
          ),
        );
      },
    }),
    ...route({
      // With a session, its CSRF token must come along; without one there is nothing to end.
      method: 'POST',
      path: '/sign-out',
      access: 'anyone',
      body: 'form',
      handler: async (request) => signedOut(request),
      problemPage: (_request, { problem }) =>
        problem.status === 403 ? html(403, renderSignInFailed()) : null,
    }),
    ...route({
      // A lost phone or a shared computer: every session issued until now stops working.
      method: 'POST',
      path: '/sign-out/everywhere',
      access: 'visitor',
      body: 'form',
      handler: async (request) => {
        await signOutEverywhere(deps.profiles, request.visitor.profile, new Date());
        return signedOut(request);
      },
    }),
    ...route({
      method: 'GET',
      path: '/api/me',
      access: 'visitor',
      handler: async (request) => profileJson(request.visitor.profile, request.visitor.csrf),
    }),
    ...route({
      // JSON with the session cookie: the X-CSRF-Token header (from GET /api/me) must come along.
      method: 'PATCH',
      path: '/api/me',
      access: 'visitor',
      body: 'json',
      handler: async (request) => {
        const next = await updateProfile(
          deps.profiles,
          request.visitor.profile,
          (jsonOf(request) ?? {}) as Parameters<typeof updateProfile>[2],
          new Date(),
        );
        return profileJson(next, request.visitor.csrf);
      },
    }),
  ];
}
