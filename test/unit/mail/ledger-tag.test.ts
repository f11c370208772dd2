import { describe, expect, it } from 'vitest';
import { ledgerKeyFromTag, ledgerTag } from '../../../shared/mail/ledger-tag.ts';
import { ledgerAnswerFrom, sesNotificationSchema } from '../../../shared/mail/ses-notifications.ts';

describe('the send-ledger key as an SES tag', () => {
  it('travels in the characters SES allows in a tag value and comes back whole', () => {
    const key = { kind: 'invite', userId: 'usr_0123456789abcdef', period: 'evt_abc#3' };
    const tag = ledgerTag(key);
    expect(tag.name).toBe('trellis-ledger');
    expect(tag.value).toMatch(/^[A-Za-z0-9_-]{1,256}$/);
    expect(ledgerKeyFromTag(tag.value)).toEqual(key);
  });

  it('reads nothing from a tag value that is not ours', () => {
    expect(ledgerKeyFromTag('campaign-2026')).toBeNull();
    expect(ledgerKeyFromTag(Buffer.from('["a","b"]').toString('base64url'))).toBeNull();
  });

  it('answers the ledger from Send and Delivery events only, and only for tagged mails', () => {
    const tags = {
      'trellis-ledger': [ledgerTag({ kind: 'digest', userId: 'usr_1', period: '2030-W10' }).value],
    };
    const event = (eventType: string, withTags = true) =>
      sesNotificationSchema.parse({
        eventType,
        mail: { messageId: 'ses-1', timestamp: '2030-03-04T07:00:01.000Z', ...(withTags ? { tags } : {}) },
      });
    expect(ledgerAnswerFrom(event('Send'))).toEqual({
      key: { kind: 'digest', userId: 'usr_1', period: '2030-W10' },
      sesMessageId: 'ses-1',
      at: new Date('2030-03-04T07:00:01.000Z'),
    });
    expect(ledgerAnswerFrom(event('Delivery'))?.sesMessageId).toBe('ses-1');
    expect(ledgerAnswerFrom(event('Bounce'))).toBeNull();
    expect(ledgerAnswerFrom(event('Send', false))).toBeNull();
  });
});
