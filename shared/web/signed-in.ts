import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { isAdmin } from '../auth/admin-emails.ts';
import {
  cookieValue,
  csrfTokenFor,
  readSession,
  type Session,
  sessionCookieName,
} from '../auth/session-cookie.ts';
import { localDate } from '../contacts/next-due-date.ts';
import type { UserRepository } from '../store/user-repository.ts';
import type { UserProfile } from '../users/user-profile.ts';
import type { NavSection, PageNav } from './page-layout.ts';

/*
 * Who is asking: the session cookie's user, read fresh from the table (a deleted account has no
 * session). The user always comes from the session, never from the URL, so a page or API call can
 * only ever reach its own user's data.
 */

type Event = APIGatewayProxyEventV2;

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

/** The session's visitor (null without a valid session), and the session key it was read with. */
export async function visitorOf(
  deps: SignedInDependencies,
  event: Event,
  now: Date,
): Promise<{ key: Uint8Array; visitor: SignedInVisitor | null }> {
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
