import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from './batch-requests.ts';
import { suppressionKey } from './keys/suppression-keys.ts';

export type SuppressionReason = 'bounce' | 'complaint' | 'manual';

export interface SuppressionList {
  suppress(email: string, reason: SuppressionReason, detail: string, now: Date): Promise<void>;
  /** The addresses among these that must never be mailed. */
  suppressedAmong(emails: readonly string[]): Promise<Set<string>>;
}

/** Addresses that bounced hard or complained. Kept without expiry: they are never mailed again. */
export function createSuppressionList(client: DynamoDBDocumentClient, tableName: string): SuppressionList {
  return {
    async suppress(email, reason, detail, now) {
      const address = email.trim().toLowerCase();
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...suppressionKey(address),
            type: 'suppression',
            email: address,
            reason,
            detail,
            at: now.toISOString(),
          },
        }),
      );
    },
    async suppressedAmong(emails) {
      const addresses = [...new Set(emails.map((email) => email.trim().toLowerCase()))];
      const items = await batchGetAll(client, tableName, addresses.map(suppressionKey), {
        projection: 'email',
      });
      return new Set(items.map((item) => String(item.email)));
    },
  };
}
