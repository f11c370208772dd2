import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { isAdmin } from '../auth/admin-emails.ts';
import {
  cookieValue,
  csrfTokenFor,
  isValidCsrfToken,
  readSession,
  type Session,
  sessionCookieName,
} from '../auth/session-cookie.ts';
import { localDate } from '../contacts/next-due-date.ts';
import type { UserRepository } from '../store/user-repository.ts';
import type { UserProfile } from '../users/user-profile.ts';
import { type NavSection, type PageNav, renderPage } from './page-layout.ts';
import { htmlResponse, problemResponse, redirectResponse } from './page-responses.ts';

/*
 * Who is asking: the session cookie's user, read fresh from the table (a deleted account has no
 * session). The user always comes from the session, never from the URL, so a page or API call can
 * only ever reach its own user's data.
 */

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

export interface SignedInDependencies {
  readonly sessionKey: () => Promise<Uint8Array>;
  readonly users: Pick<UserRepository, 'get'>;
  /** Confirmed addresses in this set have the admin role (sources). */
  readonly adminEmails: ReadonlySet<string>;
}

export interface SignedInVisitor {
  readonly session: Session;
  readonly profile: UserProfile;
  /** The token every form of this session carries (and X-CSRF-Token of JSON calls). */
  readonly csrf: string;
  readonly isAdmin: boolean;
  /** The user's local calendar date now. */
  readonly today: string;
  nav(current: NavSection | null): PageNav;
}

/** "Sign out everywhere" ends every session issued until then. */
function isRevoked(session: Session, profile: UserProfile): boolean {
  return (
    profile.sessionsRevokedAt !== undefined && session.issuedAtMs <= Date.parse(profile.sessionsRevokedAt)
  );
}

async function visitorOf(deps: SignedInDependencies, event: Event, now: Date) {
  const key = await deps.sessionKey();
  const session = readSession(cookieValue(event.cookies, sessionCookieName), key, now);
  if (!session) return { key, visitor: null };
  const profile = await deps.users.get(session.userId);
  if (!profile || isRevoked(session, profile)) return { key, visitor: null };
  const csrf = csrfTokenFor(session, key);
  const admin = isAdmin(profile, deps.adminEmails);
  const visitor: SignedInVisitor = {
    session,
    profile,
    csrf,
    isAdmin: admin,
    today: localDate(now, profile.timeZone),
    nav: (current) => ({ current, isAdmin: admin, csrf }),
  };
  return { key, visitor };
}

export const isResult = <T extends object>(value: T | Result): value is Result => 'statusCode' in value;

/**
 * The signed-in visitor of a page, or the response to give instead: a redirect to /sign-in without a
 * session; for a form (pass its fields) a 403 page when the CSRF field is missing or wrong.
 */
export async function pageVisitor(
  deps: SignedInDependencies,
  event: Event,
  form?: URLSearchParams,
): Promise<SignedInVisitor | Result> {
  const { key, visitor } = await visitorOf(deps, event, new Date());
  if (!visitor) return redirectResponse('/sign-in');
  if (form && !isValidCsrfToken(form.get('csrf'), visitor.session, key))
    return htmlResponse(
      403,
      renderPage(
        'This form has expired',
        '<p>The page was open too long or came from somewhere else, so nothing was changed. Reload the page and try again.</p>',
        { nav: visitor.nav(null) },
      ),
    );
  return visitor;
}

/**
 * The signed-in user of a JSON call, or a problem: 401 without a valid session, 403 when a
 * state-changing call lacks the session's X-CSRF-Token header.
 */
export async function apiVisitor(
  deps: SignedInDependencies,
  event: Event,
  changesState: boolean,
): Promise<SignedInVisitor | Result> {
  const { key, visitor } = await visitorOf(deps, event, new Date());
  if (!visitor) return problemResponse(401, 'Sign in first');
  if (changesState && !isValidCsrfToken(event.headers['x-csrf-token'], visitor.session, key))
    return problemResponse(403, 'Missing or wrong X-CSRF-Token header');
  return visitor;
}
