import { createHash } from 'node:crypto';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from './condition-failure.ts';

/** USEDLINK#<sha256 of the link token>: a one-use link that has been used; kept until the link expires. */
const usedLinkKey = (tokenHash: string) => ({ pk: `USEDLINK#${tokenHash}`, sk: 'USEDLINK' });

export interface UsedLinks {
  /** True the first time a token is claimed; false ever after (until it expired anyway). */
  claim(token: string, expiresAtSeconds: number): Promise<boolean>;
  /** Gives a claim back when the action failed for a reason a retry may fix. */
  release(token: string): Promise<void>;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');

export function createUsedLinks(client: DynamoDBDocumentClient, tableName: string): UsedLinks {
  return {
    async claim(token, expiresAtSeconds) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...usedLinkKey(hashOf(token)), type: 'used-link', ttl: expiresAtSeconds + 86_400 },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    async release(token) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: usedLinkKey(hashOf(token)) }));
    },
  };
}
