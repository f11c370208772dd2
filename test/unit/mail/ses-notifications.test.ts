import { describe, expect, it } from 'vitest';
import { sesNotificationSchema, suppressionsFrom } from '../../../shared/mail/ses-notifications.ts';

const read = (value: unknown) => suppressionsFrom(sesNotificationSchema.parse(value));

describe('SES event notifications', () => {
  it('suppresses every recipient of a permanent bounce, lower-cased', () => {
    expect(
      read({
        eventType: 'Bounce',
        mail: { messageId: 'm1', destination: ['A@x.org', 'b@x.org'] },
        bounce: {
          bounceType: 'Permanent',
          bounceSubType: 'NoEmail',
          bouncedRecipients: [{ emailAddress: 'A@x.org' }, { emailAddress: 'b@x.org' }],
        },
      }),
    ).toEqual([
      { email: 'a@x.org', reason: 'bounce', detail: 'permanent bounce (NoEmail) of m1' },
      { email: 'b@x.org', reason: 'bounce', detail: 'permanent bounce (NoEmail) of m1' },
    ]);
  });

  it('suppresses complainers, also in the older notificationType form', () => {
    expect(
      read({
        notificationType: 'Complaint',
        mail: { messageId: 'm2' },
        complaint: { complainedRecipients: [{ emailAddress: 'c@x.org' }], complaintFeedbackType: 'abuse' },
      }),
    ).toEqual([{ email: 'c@x.org', reason: 'complaint', detail: 'complaint (abuse) about m2' }]);
  });

  it('leaves soft bounces and deliveries alone', () => {
    expect(
      read({
        eventType: 'Bounce',
        mail: {},
        bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: 'd@x.org' }] },
      }),
    ).toEqual([]);
    expect(read({ eventType: 'Delivery', mail: { messageId: 'm3' } })).toEqual([]);
  });
});
