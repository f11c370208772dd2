import { describe, expect, it } from 'vitest';
import {
  cookieValue,
  createSession,
  csrfTokenFor,
  isValidCsrfToken,
  readSession,
  sessionKey,
  sessionSetCookie,
} from '../../../shared/auth/session-cookie.ts';

const key = sessionKey(Buffer.from('a-test-secret-that-is-long-enough-to-sign-links'));
const now = new Date('2030-01-01T00:00:00Z');

describe('session cookies', () => {
  it('carry the user for 30 days, then nothing', () => {
    const { session, value } = createSession('usr_0123456789abcdef', now, key);
    expect(readSession(value, key, now)).toEqual(session);
    expect(readSession(value, key, new Date(now.getTime() + 30 * 86_400_000 - 1000))?.userId).toBe(
      'usr_0123456789abcdef',
    );
    expect(readSession(value, key, new Date(now.getTime() + 30 * 86_400_000))).toBeNull();
  });

  it('carry when they were issued, and read cookies from before that field as issued a lifetime before expiry', async () => {
    const { session, value } = createSession('usr_0123456789abcdef', now, key);
    expect(session.issuedAtMs).toBe(now.getTime());
    const { createHmac } = await import('node:crypto');
    const body = Buffer.from(
      JSON.stringify({ u: 'usr_0123456789abcdef', s: session.sessionId, x: session.expiresAt }),
    ).toString('base64url');
    const older = `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
    expect(readSession(older, key, now)?.issuedAtMs).toBe(now.getTime());
    expect(value).not.toBe(older);
  });

  it('refuse an altered payload, another key, and garbage', () => {
    const { value } = createSession('usr_0123456789abcdef', now, key);
    const [body, mac] = value.split('.');
    const payload = JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const forged = Buffer.from(JSON.stringify({ ...payload, u: 'usr_ffffffffffffffff' })).toString(
      'base64url',
    );
    expect(readSession(`${forged}.${mac}`, key, now)).toBeNull();
    expect(
      readSession(value, sessionKey(Buffer.from('another-secret-that-is-long-enough-to-sign')), now),
    ).toBeNull();
    for (const bad of [null, '', 'x', 'a.b.c', `${body}.`]) expect(readSession(bad, key, now)).toBeNull();
  });

  it('tie the CSRF token to the session', () => {
    const first = createSession('usr_0123456789abcdef', now, key).session;
    const second = createSession('usr_0123456789abcdef', now, key).session;
    expect(isValidCsrfToken(csrfTokenFor(first, key), first, key)).toBe(true);
    expect(isValidCsrfToken(csrfTokenFor(second, key), first, key)).toBe(false);
    expect(isValidCsrfToken(undefined, first, key)).toBe(false);
  });

  it('are set HttpOnly and SameSite=Lax, Secure over https, and read from the cookie list', () => {
    expect(sessionSetCookie('v', 60, true)).toBe(
      'trellis_session=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure',
    );
    expect(sessionSetCookie('v', 60, false)).toBe(
      'trellis_session=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=60',
    );
    expect(cookieValue(['a=1', 'trellis_session=abc.def', 'b=2'], 'trellis_session')).toBe('abc.def');
    expect(cookieValue(undefined, 'trellis_session')).toBeNull();
  });
});
