import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { isConditionFailure } from './condition-failure.ts';
import { sendPauseKey, sendRateSecondKey } from './keys/send-rate-keys.ts';

/*
 * The shared send rate of every bulk sender, in the table: one counter per second that senders take
 * from with a conditional ADD (never past the second's limit), and one pause item that stops them all
 * until a time. Counters expire (TTL) an hour later.
 */

export interface SendPause {
  readonly until: string;
  readonly reason: string;
}

export interface SendRateStore {
  /** Takes up to `wanted` of the `limit` sends of one second; returns how many it got (0: the second is full). */
  take(pool: string, epochSecond: number, wanted: number, limit: number): Promise<number>;
  readPause(pool: string): Promise<SendPause | null>;
  /** Pauses the pool until `until` (a later pause already set is kept). */
  pause(pool: string, until: Date, reason: string): Promise<void>;
}

const counterLifetimeSeconds = 3600;

export function createSendRateStore(client: DynamoDBDocumentClient, tableName: string): SendRateStore {
  async function add(pool: string, epochSecond: number, count: number, limit: number) {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: sendRateSecondKey(pool, epochSecond),
        UpdateExpression: 'ADD used :count SET #ttl = :ttl, #type = :type',
        ConditionExpression: 'attribute_not_exists(used) OR used <= :room',
        ExpressionAttributeNames: { '#ttl': 'ttl', '#type': 'type' },
        ExpressionAttributeValues: {
          ':count': count,
          ':room': limit - count,
          ':ttl': epochSecond + counterLifetimeSeconds,
          ':type': 'send-rate',
        },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  }
  return {
    async take(pool, epochSecond, wanted, limit) {
      let asked = Math.min(wanted, limit);
      // At most twice: what was asked, then what the refusal said is left.
      for (let round = 0; round < 2 && asked > 0; round += 1) {
        try {
          await add(pool, epochSecond, asked, limit);
          return asked;
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
          const item = error.Item ? unmarshall(error.Item as Parameters<typeof unmarshall>[0]) : {};
          asked = Math.min(asked, limit - Number(item.used ?? limit));
        }
      }
      return 0;
    },

    async readPause(pool) {
      const output = await client.send(
        new GetCommand({ TableName: tableName, Key: sendPauseKey(pool), ConsistentRead: true }),
      );
      return output.Item ? { until: String(output.Item.until), reason: String(output.Item.reason) } : null;
    },

    async pause(pool, until, reason) {
      await client
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: sendPauseKey(pool),
            UpdateExpression: 'SET #until = :until, reason = :reason, #type = :type, #ttl = :ttl',
            ConditionExpression: 'attribute_not_exists(#until) OR #until < :until',
            ExpressionAttributeNames: { '#until': 'until', '#type': 'type', '#ttl': 'ttl' },
            ExpressionAttributeValues: {
              ':until': until.toISOString(),
              ':reason': reason,
              ':type': 'send-pause',
              ':ttl': Math.floor(until.getTime() / 1000) + 86_400,
            },
          }),
        )
        .catch((error: unknown) => {
          if (!isConditionFailure(error)) throw error;
        });
    },
  };
}
