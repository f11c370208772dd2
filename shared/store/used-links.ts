import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactionPart } from './transact-write.ts';

/**
 * USEDLINK#<sha256 of the link token>: a one-use link that has been used; kept until the link expires.
 * It is written in the transaction of the change the link makes, so the two happen together or not at all.
 */
const usedLinkKey = (tokenHash: string) => ({ pk: `USEDLINK#${tokenHash}`, sk: 'USEDLINK' });

export interface UsedLinks {
  /** Using the link up, as a part of the action's own transaction (label 'used-link': fails once used). */
  claimPart(token: string, expiresAtSeconds: number): TransactionPart;
  /** Whether it was used already (to say so before asking again); false when no client was given. */
  isUsed(token: string): Promise<boolean>;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');

export function createUsedLinks(tableName: string, client?: DynamoDBDocumentClient): UsedLinks {
  return {
    async isUsed(token) {
      if (!client) return false;
      const output = await client.send(
        new GetCommand({ TableName: tableName, Key: usedLinkKey(hashOf(token)), ProjectionExpression: 'pk' }),
      );
      return output.Item !== undefined;
    },
    claimPart: (token, expiresAtSeconds) => ({
      label: 'used-link',
      Put: {
        TableName: tableName,
        Item: { ...usedLinkKey(hashOf(token)), type: 'used-link', ttl: expiresAtSeconds + 86_400 },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }),
  };
}
