import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from '../validation/zod.ts';
import { lazySchema } from '../validation/zod.ts';

/*
 * The session is a signed cookie: user id, session id, issue and expiry times, HMAC-SHA256 with a key
 * derived (HKDF) from the link secret for this one purpose. Nothing is stored server-side, so a
 * request costs no read to authenticate; the session id seeds the CSRF token of every form.
 */

export const sessionCookieName = 'trellis_session';
/** Sessions last 30 days. */
export const sessionLifetimeSeconds = 30 * 86_400;

export interface Session {
  readonly userId: string;
  readonly sessionId: string;
  /** Epoch seconds. */
  readonly expiresAt: number;
  /** Epoch milliseconds: "sign out everywhere" ends the sessions issued before it. */
  readonly issuedAtMs: number;
}

const payloadSchema = lazySchema(() =>
  z.object({
    u: z.string().check(z.regex(/^usr_[0-9a-f]{16}$/)),
    s: z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/)),
    x: z.int().check(z.positive()),
    /** Absent in cookies issued before it was added: they count as issued a lifetime before expiry. */
    i: z.optional(z.int().check(z.positive())),
  }),
);

export function sessionKey(linkSecret: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', linkSecret, new Uint8Array(0), 'trellis session', 32));
}

const mac = (body: string, key: Uint8Array) => createHmac('sha256', key).update(body).digest();

export function createSession(
  userId: string,
  now: Date,
  key: Uint8Array,
): { session: Session; value: string } {
  const session = {
    userId,
    sessionId: randomBytes(16).toString('base64url'),
    expiresAt: Math.floor(now.getTime() / 1000) + sessionLifetimeSeconds,
    issuedAtMs: now.getTime(),
  };
  const body = Buffer.from(
    JSON.stringify({ u: session.userId, s: session.sessionId, x: session.expiresAt, i: session.issuedAtMs }),
  ).toString('base64url');
  return { session, value: `${body}.${mac(body, key).toString('base64url')}` };
}

/** The session a cookie value carries, or null when it is missing, forged, altered or expired. */
export function readSession(value: string | null, key: Uint8Array, now: Date): Session | null {
  if (!value || value.length > 512) return null;
  const [body, signature, extra] = value.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = mac(body, key);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const parsed = payloadSchema.safeParse(
    (() => {
      try {
        return JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      } catch {
        return null;
      }
    })(),
  );
  if (!parsed.success || parsed.data.x * 1000 <= now.getTime()) return null;
  return {
    userId: parsed.data.u,
    sessionId: parsed.data.s,
    expiresAt: parsed.data.x,
    issuedAtMs: parsed.data.i ?? (parsed.data.x - sessionLifetimeSeconds) * 1000,
  };
}

/** Set-Cookie for a session: HttpOnly, SameSite=Lax, Secure unless the service runs on plain http (local mode). */
export function sessionSetCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return `${sessionCookieName}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

/** The value of one cookie from API Gateway's `cookies` list (`name=value` entries). */
export function cookieValue(cookies: readonly string[] | undefined, name: string): string | null {
  for (const cookie of cookies ?? []) {
    const index = cookie.indexOf('=');
    if (index > 0 && cookie.slice(0, index).trim() === name) return cookie.slice(index + 1).trim();
  }
  return null;
}

/** The CSRF token of a session: every form carries it, every POST must echo it. */
export function csrfTokenFor(session: Session, key: Uint8Array): string {
  return mac(`csrf\u0000${session.sessionId}`, key).toString('base64url');
}

export function isValidCsrfToken(
  given: string | null | undefined,
  session: Session,
  key: Uint8Array,
): boolean {
  if (!given) return false;
  const expected = Buffer.from(csrfTokenFor(session, key), 'base64url');
  const actual = Buffer.from(given, 'base64url');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
