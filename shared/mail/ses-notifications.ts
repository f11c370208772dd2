import * as z from 'zod';

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
    mail: z.object({ messageId: z.string().optional(), destination: z.array(z.string()).optional() }).loose(),
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
