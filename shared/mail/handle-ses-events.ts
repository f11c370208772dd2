import type { Logger } from '../log/logger.ts';
import type { SuppressionList } from '../store/suppression-list.ts';
import { sesNotificationSchema, suppressionsFrom } from './ses-notifications.ts';

/**
 * SNS deliveries of SES events: suppress hard-bouncing and complaining addresses (first strike). A
 * malformed notification is logged and skipped: retrying cannot make it readable.
 */
export async function handleSesEvents(
  deps: { readonly suppression: SuppressionList; readonly logger: Logger },
  messages: readonly { readonly id: string; readonly body: string }[],
  now: Date,
): Promise<{ suppressed: string[]; ignored: number; invalid: number }> {
  const suppressed: string[] = [];
  let ignored = 0;
  let invalid = 0;
  for (const message of messages) {
    let notification: ReturnType<typeof sesNotificationSchema.parse>;
    try {
      notification = sesNotificationSchema.parse(JSON.parse(message.body));
    } catch (error) {
      invalid += 1;
      deps.logger.error('unreadable SES notification', { snsMessageId: message.id, error: String(error) });
      continue;
    }
    const orders = suppressionsFrom(notification);
    if (orders.length === 0) ignored += 1;
    for (const order of orders) {
      await deps.suppression.suppress(order.email, order.reason, order.detail, now);
      suppressed.push(order.email);
      deps.logger.warn('address suppressed', { reason: order.reason, detail: order.detail });
    }
  }
  return { suppressed, ignored, invalid };
}
