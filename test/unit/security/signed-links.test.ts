import { describe, expect, it } from 'vitest';
import {
  actionUrl,
  ExpiredLinkError,
  InvalidLinkError,
  signLink,
  verifyLink,
} from '../../../shared/security/signed-links.ts';

const secret = Buffer.from('0123456789abcdef0123456789abcdef');
const now = new Date('2030-01-01T00:00:00Z');

describe('signed one-click links', () => {
  it('round-trips what the link does, for whom, until when', () => {
    const token = signLink('not-interested', 'usr_0123456789abcdef', now, secret, 'evt_1');
    expect(verifyLink(token, secret, now)).toEqual({
      action: 'not-interested',
      userId: 'usr_0123456789abcdef',
      eventId: 'evt_1',
      expiresAt: Date.parse('2030-03-02T00:00:00Z') / 1000,
    });
    expect(actionUrl('https://trellis.example/', token)).toBe(`https://trellis.example/a/${token}`);
  });

  it('refuses a tampered payload, a forged signature, another key and garbage', () => {
    const token = signLink('unsubscribe', 'usr_0123456789abcdef', now, secret);
    const [body, mac] = token.split('.');
    const forgedBody = Buffer.from(
      JSON.stringify({ a: 'unsubscribe', u: 'usr_ffffffffffffffff', x: 9999999999 }),
    ).toString('base64url');
    expect(() => verifyLink(`${forgedBody}.${mac}`, secret, now)).toThrow(InvalidLinkError);
    expect(() => verifyLink(`${body}.${Buffer.alloc(32).toString('base64url')}`, secret, now)).toThrow(
      InvalidLinkError,
    );
    expect(() => verifyLink(token, Buffer.from('another-secret-another-secret-32'), now)).toThrow(
      InvalidLinkError,
    );
    for (const bad of ['', 'x', 'a.b.c', `${body}.`, '..'])
      expect(() => verifyLink(bad, secret, now)).toThrow(InvalidLinkError);
  });

  it('expires: not-interested after 60 days, unsubscribe after a year', () => {
    const notInterested = signLink('not-interested', 'usr_0123456789abcdef', now, secret, 'evt_1');
    expect(() => verifyLink(notInterested, secret, new Date('2030-03-02T00:00:00Z'))).not.toThrow();
    expect(() => verifyLink(notInterested, secret, new Date('2030-03-02T00:00:01Z'))).toThrow(
      ExpiredLinkError,
    );
    const unsubscribe = signLink('unsubscribe', 'usr_0123456789abcdef', now, secret);
    expect(() => verifyLink(unsubscribe, secret, new Date('2030-12-31T00:00:00Z'))).not.toThrow();
    expect(() => verifyLink(unsubscribe, secret, new Date('2031-01-02T00:00:00Z'))).toThrow(ExpiredLinkError);
  });
});
