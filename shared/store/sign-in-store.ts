import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from './condition-failure.ts';
import type { TransactionPart } from './transact-write.ts';

/*
 * SIGNIN#<sha256 of token>   the email a sign-in link is for, until it is used or 15 minutes pass;
 *                            only the hash is stored, and the first use marks it used (in the same
 *                            transaction as the account it makes or confirms)
 * RATE#<scope>#<who>#<hour>  how many sign-in links were asked for in that hour (TTL: two hours)
 */

export const signInLifetimeMs = 15 * 60_000;

const signInKey = (tokenHash: string) => ({ pk: `SIGNIN#${tokenHash}`, sk: 'SIGNIN' });
const rateKey = (scope: string, who: string, hour: number) => ({
  pk: `RATE#${scope}#${who}#${hour}`,
  sk: 'RATE',
});
const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface SignInStore {
  create(token: string, email: string, now: Date): Promise<void>;
  /** The email of a valid, unused, unexpired token, without using it up; null otherwise. */
  peek(token: string, now: Date): Promise<string | null>;
  /** Uses the token up, as one part of a transaction (label 'sign-in'): fails once it is used or expired. */
  consumePart(token: string, now: Date): TransactionPart;
  /** The email of a valid, unused, unexpired token, marking it used; null otherwise. */
  consume(token: string, now: Date): Promise<string | null>;
  /** Counts one attempt for (scope, who) in the current hour; false once `limit` is reached. */
  allow(scope: string, who: string, limit: number, now: Date): Promise<boolean>;
}

export function createSignInStore(client: DynamoDBDocumentClient, tableName: string): SignInStore {
  return {
    async create(token, email, now) {
      const expiresAtMs = now.getTime() + signInLifetimeMs;
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...signInKey(hashOf(token)),
            type: 'sign-in',
            email,
            expiresAt: new Date(expiresAtMs).toISOString(),
            used: false,
            ttl: Math.floor(expiresAtMs / 1000) + 86_400,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    async peek(token, now) {
      const output = await client.send(
        new GetCommand({ TableName: tableName, Key: signInKey(hashOf(token)), ConsistentRead: true }),
      );
      const item = output.Item ?? {};
      const usable = item.used === false && String(item.expiresAt) > now.toISOString();
      return usable && typeof item.email === 'string' ? item.email : null;
    },

    consumePart(token, now) {
      return {
        label: 'sign-in',
        Update: {
          TableName: tableName,
          Key: signInKey(hashOf(token)),
          UpdateExpression: 'SET used = :true, usedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND used = :false AND expiresAt > :now',
          ExpressionAttributeValues: { ':true': true, ':false': false, ':now': now.toISOString() },
        },
      };
    },

    async consume(token, now) {
      try {
        const output = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: signInKey(hashOf(token)),
            UpdateExpression: 'SET used = :true, usedAt = :now',
            ConditionExpression: 'attribute_exists(pk) AND used = :false AND expiresAt > :now',
            ExpressionAttributeValues: { ':true': true, ':false': false, ':now': now.toISOString() },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return typeof output.Attributes?.email === 'string' ? output.Attributes.email : null;
      } catch (error) {
        if (isConditionFailure(error)) return null;
        throw error;
      }
    },

    async allow(scope, who, limit, now) {
      const hour = Math.floor(now.getTime() / 3_600_000);
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: rateKey(scope, who, hour),
            UpdateExpression: 'ADD attempts :one SET #ttl = :ttl',
            ConditionExpression: 'attribute_not_exists(attempts) OR attempts < :limit',
            ExpressionAttributeNames: { '#ttl': 'ttl' },
            ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':ttl': (hour + 2) * 3600 },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
}
