import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import {
  cookieValue,
  createSession,
  isValidCsrfToken,
  readSession,
  sessionCookieName,
  sessionLifetimeSeconds,
  sessionSetCookie,
} from '../auth/session-cookie.ts';
import { completeSignIn, requestSignIn, type SignInDependencies, sendWelcome } from '../auth/sign-in.ts';
import { type CalendarSubscriptionDependencies, calendarUrlsFor } from '../calendar/calendar-subscription.ts';
import type { ContactRepository } from '../store/contact-repository.ts';
import type { UserRepository } from '../store/user-repository.ts';
import { receivesDigests } from '../users/digest-eligibility.ts';
import type { SaveProfileDependencies } from '../users/save-profile.ts';
import { signOutEverywhere } from '../users/sign-out-everywhere.ts';
import { updateProfile } from '../users/update-profile.ts';
import type { UserProfile } from '../users/user-profile.ts';
import {
  renderAccountPage,
  renderSignInConfirmation,
  renderSignInFailed,
  renderSignInPage,
  renderSignInSent,
} from './account-pages.ts';
import {
  formFieldsOf,
  htmlResponse,
  invalidResponse,
  jsonBodyOf,
  jsonResponse,
  problemResponse,
  redirectResponse,
} from './page-responses.ts';
import { apiVisitor, isResult, pageVisitor } from './signed-in.ts';

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

export interface AccountRouteDependencies {
  readonly signIn: Omit<SignInDependencies, 'publicBaseUrl'>;
  readonly users: UserRepository;
  readonly profiles: SaveProfileDependencies;
  readonly calendar: Omit<CalendarSubscriptionDependencies, 'publicBaseUrl'>;
  readonly sessionKey: () => Promise<Uint8Array>;
  /** Configured public URL, or null to use the request's own host. */
  readonly publicBaseUrl: string | null;
  /** Confirmed addresses in this set have the admin role. */
  readonly adminEmails: ReadonlySet<string>;
  readonly contacts: Pick<ContactRepository, 'listForUser'>;
}

/** Before there is a session, forms are protected by a random cookie echoed in a hidden field. */
const preSessionCookieName = 'trellis_csrf';

const html = htmlResponse;
const redirect = redirectResponse;

const formOf = (event: Event): Record<string, string> => Object.fromEntries(formFieldsOf(event));

/** Where links point: the configured public URL, else the host and scheme the request came to. */
export function publicBaseUrlFor(configured: string | null, event: Event): string {
  const scheme = event.headers['x-forwarded-proto'] === 'http' ? 'http' : 'https';
  return configured ?? `${scheme}://${event.requestContext.domainName}`;
}

const baseUrlOf = (deps: AccountRouteDependencies, event: Event) =>
  publicBaseUrlFor(deps.publicBaseUrl, event);

const isSecure = (baseUrl: string) => baseUrl.startsWith('https:');

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

const preSessionValid = (event: Event, form: Record<string, string>) => {
  const cookie = cookieValue(event.cookies, preSessionCookieName);
  return cookie !== null && form.csrf === cookie;
};

const meSchema = z.object({ firstSignIn: z.literal('1').optional() });

/** Routes for signing in and out, the account page and `/api/me`. */
export function accountRoutes(deps: AccountRouteDependencies) {
  return [
    {
      method: 'GET' as const,
      path: '/sign-in',
      handler: async (event: Event): Promise<Result> => {
        const csrf = preSessionCookie(event, isSecure(baseUrlOf(deps, event)));
        return html(200, renderSignInPage(csrf.token), csrf.setCookie);
      },
    },
    {
      method: 'POST' as const,
      path: '/sign-in',
      handler: async (event: Event): Promise<Result> => {
        const form = formOf(event);
        const csrf = preSessionCookie(event, isSecure(baseUrlOf(deps, event)));
        if (!preSessionValid(event, form))
          return html(
            403,
            renderSignInPage(csrf.token, 'The form expired; please try again.'),
            csrf.setCookie,
          );
        try {
          const outcome = await requestSignIn(
            { ...deps.signIn, publicBaseUrl: baseUrlOf(deps, event) },
            { email: form.email ?? '' },
            event.requestContext.http.sourceIp,
            new Date(),
          );
          if (outcome === 'rate-limited')
            return html(
              429,
              renderSignInPage(csrf.token, 'Too many sign-in links asked for; try again in an hour.'),
            );
          return html(200, renderSignInSent());
        } catch (error) {
          if (error instanceof z.ZodError)
            return html(
              400,
              renderSignInPage(csrf.token, 'Please enter a valid email address.', form.email ?? ''),
            );
          throw error;
        }
      },
    },
    {
      // A GET only asks (mail scanners open links); the POST uses the link up.
      method: 'GET' as const,
      path: '/sign-in/{token}',
      handler: async (event: Event): Promise<Result> => {
        const csrf = preSessionCookie(event, isSecure(baseUrlOf(deps, event)));
        return html(200, renderSignInConfirmation(csrf.token), csrf.setCookie);
      },
    },
    {
      method: 'POST' as const,
      path: '/sign-in/{token}',
      handler: async (event: Event): Promise<Result> => {
        if (!preSessionValid(event, formOf(event))) return html(403, renderSignInFailed());
        const now = new Date();
        const signedIn = await completeSignIn(deps.signIn, event.pathParameters?.token ?? '', now);
        if (!signedIn) return html(410, renderSignInFailed());
        if (signedIn.firstSignIn)
          await sendWelcome({ ...deps.signIn, publicBaseUrl: baseUrlOf(deps, event) }, signedIn.email, now);
        const { value } = createSession(signedIn.userId, now, await deps.sessionKey());
        const cookie = sessionSetCookie(value, sessionLifetimeSeconds, isSecure(baseUrlOf(deps, event)));
        return redirect(signedIn.firstSignIn ? '/account?firstSignIn=1' : '/account', [cookie]);
      },
    },
    {
      method: 'GET' as const,
      path: '/account',
      handler: async (event: Event): Promise<Result> => {
        const visitor = await pageVisitor(deps, event);
        if (isResult(visitor)) return visitor;
        const { profile } = visitor;
        const [urls, contacts] = await Promise.all([
          calendarUrlsFor(
            { ...deps.calendar, publicBaseUrl: baseUrlOf(deps, event) },
            profile.id,
            new Date(),
          ),
          deps.contacts.listForUser(profile.id),
        ]);
        const query = meSchema.safeParse(event.queryStringParameters ?? {});
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
            visitor.nav('account'),
          ),
        );
      },
    },
    {
      method: 'POST' as const,
      path: '/sign-out',
      handler: async (event: Event): Promise<Result> => {
        const session = readSession(
          cookieValue(event.cookies, sessionCookieName),
          await deps.sessionKey(),
          new Date(),
        );
        if (session && !isValidCsrfToken(formOf(event).csrf, session, await deps.sessionKey()))
          return html(403, renderSignInFailed());
        return redirect('/sign-in', [sessionSetCookie('', 0, isSecure(baseUrlOf(deps, event)))]);
      },
    },
    {
      // A lost phone or a shared computer: every session issued until now stops working.
      method: 'POST' as const,
      path: '/sign-out/everywhere',
      handler: async (event: Event): Promise<Result> => {
        const visitor = await pageVisitor(deps, event, formFieldsOf(event));
        if (isResult(visitor)) return visitor;
        await signOutEverywhere(deps.profiles, visitor.profile, new Date());
        return redirect('/sign-in', [sessionSetCookie('', 0, isSecure(baseUrlOf(deps, event)))]);
      },
    },
    {
      method: 'GET' as const,
      path: '/api/me',
      handler: async (event: Event): Promise<Result> => {
        const visitor = await apiVisitor(deps, event, false);
        if (isResult(visitor)) return visitor;
        return json(visitor.profile, visitor.csrf);
      },
    },
    {
      // JSON with the session cookie: the X-CSRF-Token header (from GET /api/me) must come along.
      method: 'PATCH' as const,
      path: '/api/me',
      handler: async (event: Event): Promise<Result> => {
        const visitor = await apiVisitor(deps, event, true);
        if (isResult(visitor)) return visitor;
        const changes = jsonBodyOf(event);
        if (changes === undefined) return problemResponse(400, 'The body is not JSON');
        let next: UserProfile;
        try {
          next = await updateProfile(
            deps.profiles,
            visitor.profile,
            (changes ?? {}) as Parameters<typeof updateProfile>[2],
            new Date(),
          );
        } catch (error) {
          if (error instanceof z.ZodError) return invalidResponse(error);
          throw error;
        }
        return json(next, visitor.csrf);
      },
    },
  ];
}

const json = (profile: UserProfile, csrf: string): Result =>
  jsonResponse(200, { profile }, { 'x-csrf-token': csrf });
