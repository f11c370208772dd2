import * as z from 'zod';
import { type LedgerTagKey, ledgerKeyFromTag, ledgerTagName } from './ledger-tag.ts';

/**
 * SES event notifications (through the configuration set's SNS destination). Only what suppression
 * needs is read: hard bounces and complaints. Soft (transient) bounces are not suppressed: the next
 * send may well get through.
 */
const recipients = z.array(z.object({ emailAddress: z.string() }).loose());

export const sesNotificationSchema = z
  .object({
    eventType: z.string().optional(),
    notificationType: z.string().optional(),
    mail: z
      .object({
        messageId: z.string().optional(),
        timestamp: z.string().optional(),
        destination: z.array(z.string()).optional(),
        tags: z.record(z.string(), z.array(z.string())).optional(),
      })
      .loose(),
    bounce: z
      .object({ bounceType: z.string(), bounceSubType: z.string().optional(), bouncedRecipients: recipients })
      .loose()
      .optional(),
    complaint: z
      .object({ complainedRecipients: recipients, complaintFeedbackType: z.string().optional() })
      .loose()
      .optional(),
  })
  .loose();

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
