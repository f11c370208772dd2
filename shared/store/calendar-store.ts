import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { calendarKey, calendarTokenKey } from './keys/calendar-keys.ts';

/*
 * USER#<id> / CALENDAR        nonce (the token is derived from it), tokenHash, and the rendered feed
 * CALTOKEN#<sha256> / CALTOKEN  userId: the lookup from a request's token to its user
 *
 * A request is valid only when the calendar item still names the hash it came with, so rotating the
 * token (one conditional write on the calendar item) kills the old URL at once, even if the old
 * lookup item outlives it for a moment. Feed snapshots live on the same item and are dropped on
 * rotation and on any change to the user's profile or saved events.
 */

export interface CalendarSnapshot {
  readonly etag: string;
  readonly builtAt: string;
  /** The feed, gzip-compressed. */
  readonly gzipBody: Uint8Array;
  readonly bodyBytes: number;
  /** Events in the feed, so one that is cancelled or dropped later still appears once as cancelled. */
  readonly eventIds: readonly string[];
}

export interface CalendarRecord {
  readonly userId: string;
  readonly nonce: string;
  readonly tokenHash: string;
  readonly createdAt: string;
  readonly rotatedAt: string | null;
  readonly snapshot: CalendarSnapshot | null;
}

export interface CalendarStore {
  get(userId: string): Promise<CalendarRecord | null>;
  /** Creates the calendar unless one exists; returns the one that exists either way. */
  create(userId: string, nonce: string, tokenHash: string, now: Date): Promise<CalendarRecord>;
  /** Replaces the token if it is still `previousHash`; false when someone rotated it meanwhile. */
  rotate(userId: string, previousHash: string, nonce: string, tokenHash: string, now: Date): Promise<boolean>;
  /** The user a token hash belongs to, if any (one read; check the calendar item's hash too). */
  userIdForToken(tokenHash: string): Promise<string | null>;
  /** Stores a rendered feed, unless the token changed meanwhile. */
  saveSnapshot(userId: string, tokenHash: string, snapshot: CalendarSnapshot): Promise<void>;
  /** Drops the rendered feed: the next request renders afresh. */
  invalidate(userId: string): Promise<void>;
  remove(userId: string): Promise<void>;
}

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

function toRecord(item: Record<string, unknown>): CalendarRecord {
  const snapshot: CalendarSnapshot | null =
    typeof item.etag === 'string' && item.gzipBody instanceof Uint8Array
      ? {
          etag: item.etag,
          builtAt: String(item.builtAt),
          gzipBody: item.gzipBody,
          bodyBytes: Number(item.bodyBytes),
          eventIds: (item.eventIds as string[] | undefined) ?? [],
        }
      : null;
  return {
    userId: String(item.userId),
    nonce: String(item.nonce),
    tokenHash: String(item.tokenHash),
    createdAt: String(item.createdAt),
    rotatedAt: typeof item.rotatedAt === 'string' ? item.rotatedAt : null,
    snapshot,
  };
}

export function createCalendarStore(client: DynamoDBDocumentClient, tableName: string): CalendarStore {
  async function get(userId: string) {
    const output = await client.send(new GetCommand({ TableName: tableName, Key: calendarKey(userId) }));
    return output.Item ? toRecord(output.Item) : null;
  }

  const putTokenLookup = (tokenHash: string, userId: string) =>
    client.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...calendarTokenKey(tokenHash), type: 'calendar-token', userId },
      }),
    );

  return {
    get,

    async create(userId, nonce, tokenHash, now) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...calendarKey(userId),
              type: 'calendar',
              userId,
              nonce,
              tokenHash,
              createdAt: now.toISOString(),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      const record = await get(userId);
      if (!record) throw new Error(`calendar of ${userId} vanished while it was created`);
      // Written (again) after the calendar item: a crash in between is repaired by the next call.
      await putTokenLookup(record.tokenHash, userId);
      return record;
    },

    async rotate(userId, previousHash, nonce, tokenHash, now) {
      await putTokenLookup(tokenHash, userId);
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: calendarKey(userId),
            UpdateExpression:
              'SET nonce = :nonce, tokenHash = :hash, rotatedAt = :now REMOVE etag, builtAt, gzipBody, bodyBytes',
            ConditionExpression: 'tokenHash = :previous',
            ExpressionAttributeValues: {
              ':nonce': nonce,
              ':hash': tokenHash,
              ':now': now.toISOString(),
              ':previous': previousHash,
            },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        await client.send(new DeleteCommand({ TableName: tableName, Key: calendarTokenKey(tokenHash) }));
        return false;
      }
      await client.send(new DeleteCommand({ TableName: tableName, Key: calendarTokenKey(previousHash) }));
      return true;
    },

    async userIdForToken(tokenHash) {
      const output = await client.send(
        new GetCommand({ TableName: tableName, Key: calendarTokenKey(tokenHash) }),
      );
      const userId = output.Item?.userId;
      return typeof userId === 'string' ? userId : null;
    },

    async saveSnapshot(userId, tokenHash, snapshot) {
      await client
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: calendarKey(userId),
            UpdateExpression:
              'SET etag = :etag, builtAt = :built, gzipBody = :body, bodyBytes = :bytes, eventIds = :ids',
            ConditionExpression: 'tokenHash = :hash',
            ExpressionAttributeValues: {
              ':etag': snapshot.etag,
              ':built': snapshot.builtAt,
              ':body': snapshot.gzipBody,
              ':bytes': snapshot.bodyBytes,
              ':ids': [...snapshot.eventIds],
              ':hash': tokenHash,
            },
          }),
        )
        .catch((error: unknown) => {
          if (!isConditionFailure(error)) throw error;
        });
    },

    async invalidate(userId) {
      await client
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: calendarKey(userId),
            // The event ids stay: they tell the next render what was in the feed before.
            UpdateExpression: 'REMOVE etag, builtAt, gzipBody, bodyBytes',
            ConditionExpression: 'attribute_exists(pk)',
          }),
        )
        .catch((error: unknown) => {
          if (!isConditionFailure(error)) throw error;
        });
    },

    async remove(userId) {
      const record = await get(userId);
      if (!record) return;
      await client.send(new DeleteCommand({ TableName: tableName, Key: calendarKey(userId) }));
      await client.send(new DeleteCommand({ TableName: tableName, Key: calendarTokenKey(record.tokenHash) }));
    },
  };
}
