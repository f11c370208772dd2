import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/*
 * Calendar feed tokens. A token is HMAC-SHA256(key, user id + nonce), base64url: 256 bits, unguessable
 * without the key, and as random as its 128-bit nonce. The table stores the nonce and the token's
 * SHA-256 only, so a copy of the table alone opens no feed; yet the service can show the user their
 * URL again without storing it. Rotating replaces the nonce: the old URL dies at once.
 * The key is derived from the link-signing secret for this one purpose (HKDF), so rotating that
 * secret also replaces every feed URL.
 */

export const calendarTokenPattern = /^[A-Za-z0-9_-]{43}$/;

export function calendarTokenKey(linkSecret: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', linkSecret, new Uint8Array(0), 'trellis calendar feed token', 32));
}

export function newCalendarNonce(): string {
  return randomBytes(16).toString('base64url');
}

export function calendarTokenFor(key: Uint8Array, userId: string, nonce: string): string {
  return createHmac('sha256', key).update(`${userId}\u0000${nonce}`).digest('base64url');
}

/** What the table stores and looks tokens up by. */
export function calendarTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** `/cal/<token>.ics` → the token, or null when the path cannot hold one. */
export function tokenFromFeedPath(segment: string): string | null {
  const token = segment.endsWith('.ics') ? segment.slice(0, -4) : segment;
  return calendarTokenPattern.test(token) ? token : null;
}
