import type { Logger } from '../log/logger.ts';
import type { LedgerEvidence } from '../store/ledger-evidence.ts';
import type { SuppressionList } from '../store/suppression-list.ts';
import { ledgerAnswerFrom, sesNotificationSchema, suppressionsFrom } from './ses-notifications.ts';

export interface SesEventsOutcome {
  readonly suppressed: string[];
  /** Send-ledger entries that SES's Send / Delivery event marked SENT (their worker had not). */
  readonly ledgerMarked: number;
  readonly ignored: number;
  readonly invalid: number;
}

/**
 * SNS deliveries of SES events: suppress hard-bouncing and complaining addresses (first strike), and
 * let Send / Delivery events of tagged mails complete their send-ledger entries. A malformed
 * notification is logged and skipped: retrying cannot make it readable.
 */
export async function handleSesEvents(
  deps: {
    readonly suppression: SuppressionList;
    readonly ledger: LedgerEvidence;
    readonly logger: Logger;
  },
  messages: readonly { readonly id: string; readonly body: string }[],
  now: Date,
): Promise<SesEventsOutcome> {
  const suppressed: string[] = [];
  let ledgerMarked = 0;
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
    const answer = ledgerAnswerFrom(notification);
    if (answer) {
      const result = await deps.ledger.markSentBySes(answer.key, answer.sesMessageId, answer.at);
      if (result === 'marked') {
        ledgerMarked += 1;
        deps.logger.warn('send ledger completed by SES event: its worker never marked it', {
          kind: answer.key.kind,
          period: answer.key.period,
          sesMessageId: answer.sesMessageId,
        });
      }
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
  return { suppressed, ledgerMarked, ignored, invalid };
}
