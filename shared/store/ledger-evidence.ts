import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from './condition-failure.ts';
import { ledgerKey } from './keys/ledger-keys.ts';

/** What SES's Send / Delivery event tells the ledger: the mail tagged with this key was taken. */
export interface LedgerEvidence {
  /** SENT from SES's event where the entry waits on a hand-over; anything else is left as it is. */
  markSentBySes(
    key: { readonly kind: string; readonly userId: string; readonly period: string },
    sesMessageId: string,
    at: Date,
  ): Promise<'marked' | 'not-waiting'>;
}

export function createLedgerEvidence(client: DynamoDBDocumentClient, tableName: string): LedgerEvidence {
  return {
    async markSentBySes(key, sesMessageId, at) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: ledgerKey(key.userId, key.kind, key.period),
            UpdateExpression:
              'SET #status = :sent, sentAt = :at, sesMessageId = :id, sentBy = :ses REMOVE leaseUntil',
            ConditionExpression: '#status = :handing',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':sent': 'sent',
              ':handing': 'handing',
              ':at': at.toISOString(),
              ':id': sesMessageId,
              ':ses': 'ses-event',
            },
          }),
        );
        return 'marked';
      } catch (error) {
        // Already SENT by its worker, expired (TTL) or never ours: nothing waits for this answer.
        if (isConditionFailure(error)) return 'not-waiting';
        throw error;
      }
    },
  };
}
