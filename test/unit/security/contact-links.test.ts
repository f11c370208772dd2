import { describe, expect, it } from 'vitest';
import {
  ExpiredLinkError,
  InvalidLinkError,
  isContactLinkAction,
  signContactLink,
  verifyLink,
} from '../../../shared/security/signed-links.ts';

const secret = Buffer.from('0123456789abcdef0123456789abcdef');
const now = new Date('2030-01-01T00:00:00Z');
const dayMs = 86_400_000;

describe('contact links in reminder emails', () => {
  it('name the action, user and contact, and expire after 30 days', () => {
    const token = signContactLink('snooze', 'usr_0123456789abcdef', 'con_0123456789abcdef', now, secret);
    expect(verifyLink(token, secret, new Date(now.getTime() + 30 * dayMs))).toEqual({
      action: 'snooze',
      userId: 'usr_0123456789abcdef',
      contactId: 'con_0123456789abcdef',
      expiresAt: Date.parse('2030-01-31T00:00:00Z') / 1000,
    });
    expect(() => verifyLink(token, secret, new Date(now.getTime() + 30 * dayMs + 1000))).toThrow(
      ExpiredLinkError,
    );
  });

  it('cannot be turned into another action or pointed at another contact', () => {
    const token = signContactLink('talked', 'usr_0123456789abcdef', 'con_0123456789abcdef', now, secret);
    const [body, mac] = token.split('.');
    const payload = JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    for (const forged of [
      { ...payload, a: 'cadence' },
      { ...payload, c: 'con_ffffffffffffffff' },
      { ...payload, x: Number(payload.x) + 86_400 },
    ]) {
      const forgedBody = Buffer.from(JSON.stringify(forged)).toString('base64url');
      expect(() => verifyLink(`${forgedBody}.${mac}`, secret, now)).toThrow(InvalidLinkError);
    }
  });

  it('are told apart from the event and unsubscribe links', () => {
    expect(['talked', 'snooze', 'cadence'].every((action) => isContactLinkAction(action as 'talked'))).toBe(
      true,
    );
    expect(
      ['unsubscribe', 'not-interested', 'save'].some((action) => isContactLinkAction(action as 'save')),
    ).toBe(false);
  });
});
