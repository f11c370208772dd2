import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { calendarKey, calendarTokenKey, renderedFeedKey } from './keys/calendar-keys.ts';

/*
 * USER#<id> / CALENDAR          the head: nonce (the token is derived from it), tokenHash, and the ETag and
 *                               time of the last render; small, read on every request
 * USER#<id> / CALFEED           the last rendered feed, gzip-compressed, with its ETag and event ids; read
 *                               only when a container does not hold that ETag's body yet, or to render again
 * CALTOKEN#<sha256> / CALTOKEN  userId: the lookup from a request's token to its user
 *
 * A request is valid only when the head still names the hash it came with, so rotating the token (one
 * conditional write on the head) kills the old URL at once, even if the old lookup item outlives it for
 * a moment. Rotation and any change to the user's profile or saved events drop the head's ETag, so the
 * next request renders afresh. The rendered feed is its own item so a request that only needs the head
 * is charged for a small item, not for a 60 KB body.
 */

export interface RenderedFeed {
  readonly etag: string;
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
  /** ETag and time of the current render; null when there is none or it was dropped. */
  readonly etag: string | null;
  readonly builtAt: string | null;
}

export interface CalendarStore {
  /** The head (small). */
  get(userId: string): Promise<CalendarRecord | null>;
  /** Creates the calendar unless one exists; returns the one that exists either way. */
  create(userId: string, nonce: string, tokenHash: string, now: Date): Promise<CalendarRecord>;
  /** Replaces the token if it is still `previousHash`; false when someone rotated it meanwhile. */
  rotate(userId: string, previousHash: string, nonce: string, tokenHash: string, now: Date): Promise<boolean>;
  /** The user a token hash belongs to, if any (one read; check the head's hash too). */
  userIdForToken(tokenHash: string): Promise<string | null>;
  /** The last rendered feed, whatever the head says of it. */
  getRendered(userId: string): Promise<RenderedFeed | null>;
  /** Stores a render: the feed first, then the head's ETag, unless the token changed meanwhile. */
  saveRendered(userId: string, tokenHash: string, feed: RenderedFeed, builtAt: Date): Promise<void>;
  /** Drops the current render: the next request renders afresh. */
  invalidate(userId: string): Promise<void>;
  remove(userId: string): Promise<void>;
}

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

function toRecord(item: Record<string, unknown>): CalendarRecord {
  return {
    userId: String(item.userId),
    nonce: String(item.nonce),
    tokenHash: String(item.tokenHash),
    createdAt: String(item.createdAt),
    rotatedAt: typeof item.rotatedAt === 'string' ? item.rotatedAt : null,
    etag: typeof item.etag === 'string' ? item.etag : null,
    builtAt: typeof item.builtAt === 'string' ? item.builtAt : null,
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
            UpdateExpression: 'SET nonce = :nonce, tokenHash = :hash, rotatedAt = :now REMOVE etag, builtAt',
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

    async getRendered(userId) {
      const output = await client.send(
        new GetCommand({ TableName: tableName, Key: renderedFeedKey(userId) }),
      );
      const item = output.Item;
      if (!item || typeof item.etag !== 'string' || !(item.gzipBody instanceof Uint8Array)) return null;
      return {
        etag: item.etag,
        gzipBody: item.gzipBody,
        bodyBytes: Number(item.bodyBytes),
        eventIds: (item.eventIds as string[] | undefined) ?? [],
      };
    },

    async saveRendered(userId, tokenHash, feed, builtAt) {
      // UpdateItem, not PutItem, so the feed function needs no broader write than its one verb.
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: renderedFeedKey(userId),
          UpdateExpression:
            'SET #type = :type, etag = :etag, gzipBody = :body, bodyBytes = :bytes, eventIds = :ids',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ':type': 'calendar-feed',
            ':etag': feed.etag,
            ':body': feed.gzipBody,
            ':bytes': feed.bodyBytes,
            ':ids': [...feed.eventIds],
          },
        }),
      );
      await client
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: calendarKey(userId),
            UpdateExpression: 'SET etag = :etag, builtAt = :built',
            ConditionExpression: 'tokenHash = :hash',
            ExpressionAttributeValues: {
              ':etag': feed.etag,
              ':built': builtAt.toISOString(),
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
            // The rendered feed stays: its event ids tell the next render what was in the feed before.
            UpdateExpression: 'REMOVE etag, builtAt',
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
      await client.send(new DeleteCommand({ TableName: tableName, Key: renderedFeedKey(userId) }));
      await client.send(new DeleteCommand({ TableName: tableName, Key: calendarTokenKey(record.tokenHash) }));
    },
  };
}
