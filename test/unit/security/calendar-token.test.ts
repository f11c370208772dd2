import { describe, expect, it } from 'vitest';
import {
  calendarTokenFor,
  calendarTokenHash,
  calendarTokenKey,
  newCalendarNonce,
  tokenFromFeedPath,
} from '../../../shared/security/calendar-token.ts';

const key = calendarTokenKey(Buffer.from('a-test-secret-that-is-long-enough-to-sign-links'));

describe('calendar tokens', () => {
  it('derives a 256-bit base64url token from the user and a 128-bit random nonce', () => {
    const nonce = newCalendarNonce();
    expect(Buffer.from(nonce, 'base64url')).toHaveLength(16);
    const token = calendarTokenFor(key, 'usr_0123456789abcdef', nonce);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(calendarTokenFor(key, 'usr_0123456789abcdef', nonce)).toBe(token);
    expect(calendarTokenFor(key, 'usr_0123456789abcdef', newCalendarNonce())).not.toBe(token);
    expect(calendarTokenFor(key, 'usr_fedcba9876543210', nonce)).not.toBe(token);
  });

  it('stores only the SHA-256 of a token, which does not contain it', () => {
    const token = calendarTokenFor(key, 'usr_0123456789abcdef', 'nonce');
    const hash = calendarTokenHash(token);
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toBe(token);
    expect(calendarTokenHash(token)).toBe(hash);
  });

  it('uses a key of its own, not the link secret itself', () => {
    const other = calendarTokenKey(Buffer.from('another-secret-that-is-long-enough-to-sign-links'));
    expect(Buffer.from(key)).toHaveLength(32);
    expect(calendarTokenFor(other, 'usr_0123456789abcdef', 'n')).not.toBe(
      calendarTokenFor(key, 'usr_0123456789abcdef', 'n'),
    );
  });

  it('reads the token from the last path segment, with or without .ics, and refuses anything else', () => {
    const token = calendarTokenFor(key, 'usr_0123456789abcdef', 'nonce');
    expect(tokenFromFeedPath(`${token}.ics`)).toBe(token);
    expect(tokenFromFeedPath(token)).toBe(token);
    expect(tokenFromFeedPath(`${token.slice(1)}.ics`)).toBeNull();
    expect(tokenFromFeedPath('../../etc/passwd')).toBeNull();
    expect(tokenFromFeedPath(`${token}x.ics`)).toBeNull();
  });
});
