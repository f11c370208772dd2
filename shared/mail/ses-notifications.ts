import * as z from '../validation/zod.ts';
import { lazySchema } from '../validation/zod.ts';
import { type LedgerTagKey, ledgerKeyFromTag, ledgerTagName } from './ledger-tag.ts';

/**
 * SES event notifications (through the configuration set's SNS destination). Only what suppression
 * needs is read: hard bounces and complaints. Soft (transient) bounces are not suppressed: the next
 * send may well get through.
 */
const recipients = lazySchema(() => z.array(z.looseObject({ emailAddress: z.string() })));
const optionalText = lazySchema(() => z.optional(z.string()));

export const sesNotificationSchema = lazySchema(() =>
  z.looseObject({
    eventType: optionalText,
    notificationType: optionalText,
    mail: z.looseObject({
      messageId: optionalText,
      timestamp: optionalText,
      destination: z.optional(z.array(z.string())),
      tags: z.optional(z.record(z.string(), z.array(z.string()))),
    }),
    bounce: z.optional(
      z.looseObject({ bounceType: z.string(), bounceSubType: optionalText, bouncedRecipients: recipients }),
    ),
    complaint: z.optional(
      z.looseObject({ complainedRecipients: recipients, complaintFeedbackType: optionalText }),
    ),
  }),
);

export interface SuppressionOrder {
  readonly email: string;
  readonly reason: 'bounce' | 'complaint';
  readonly detail: string;
}

/** The addresses one notification says must not be mailed again (none for deliveries, soft bounces…). */
export function suppressionsFrom(notification: z.infer<typeof sesNotificationSchema>): SuppressionOrder[] {
  const type = notification.eventType ?? notification.notificationType ?? '';
  if (type === 'Bounce' && notification.bounce?.bounceType === 'Permanent') {
    const detail = `permanent bounce (${notification.bounce.bounceSubType ?? 'General'}) of ${notification.mail.messageId ?? '?'}`;
    return notification.bounce.bouncedRecipients.map((recipient) => ({
      email: recipient.emailAddress.toLowerCase(),
      reason: 'bounce',
      detail,
    }));
  }
  if (type === 'Complaint' && notification.complaint) {
    const detail = `complaint (${notification.complaint.complaintFeedbackType ?? 'unspecified'}) about ${notification.mail.messageId ?? '?'}`;
    return notification.complaint.complainedRecipients.map((recipient) => ({
      email: recipient.emailAddress.toLowerCase(),
      reason: 'complaint',
      detail,
    }));
  }
  return [];
}

/** The send-ledger entry a Send or Delivery event answers: SES took the mail (null for anything else). */
export function ledgerAnswerFrom(
  notification: z.infer<typeof sesNotificationSchema>,
): { key: LedgerTagKey; sesMessageId: string; at: Date } | null {
  const type = notification.eventType ?? notification.notificationType ?? '';
  if (type !== 'Send' && type !== 'Delivery') return null;
  const value = notification.mail.tags?.[ledgerTagName]?.[0];
  const key = value ? ledgerKeyFromTag(value) : null;
  if (!key) return null;
  const at = new Date(notification.mail.timestamp ?? Number.NaN);
  return {
    key,
    sesMessageId: notification.mail.messageId ?? '',
    at: Number.isNaN(at.getTime()) ? new Date() : at,
  };
}
