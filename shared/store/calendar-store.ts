import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from './condition-failure.ts';
import { calendarKey, calendarTokenKey, renderedFeedKey } from './keys/calendar-keys.ts';
import { TransactionCancelledError, type TransactionPart, transactWrite } from './transact-write.ts';

/*
 * USER#<id> / CALENDAR          the head: nonce (the token is derived from it), tokenHash, and the ETag and
 *                               time of the last render; small, read on every request
 * USER#<id> / CALFEED           the last rendered feed, gzip-compressed, with its ETag and event ids; read
 *                               only when a container does not hold that ETag's body yet, or to render again
 * CALTOKEN#<sha256> / CALTOKEN  userId: the lookup from a request's token to its user
 *
 * The head and its lookup item change together, one transaction each time: creating puts both (neither
 * may exist), rotating moves the head to the new hash on condition it still names the old one, puts the
 * new lookup and deletes the old, and removing deletes all three. So every head has exactly one lookup
 * item, and the old URL stops working with the rotation. A request is valid only when the head still
 * names the hash it came with. Rotation and any change to the user's profile or saved events drop the
 * head's ETag, so the next request renders afresh. The rendered feed is its own item so a request that
 * only needs the head is charged for a small item, not for a 60 KB body.
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
  /** Replaces the token if it is still `previousHash`; false when someone rotated it meanwhile (or removed it). */
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

/** Removing tries again this often when a rotation changes the head between the read and the delete. */
const removeAttempts = 3;

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

  const lookupCreation = (tokenHash: string, userId: string): TransactionPart => ({
    label: 'new-lookup',
    Put: {
      TableName: tableName,
      Item: { ...calendarTokenKey(tokenHash), type: 'calendar-token', userId },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });

  const lookupDeletion = (tokenHash: string): TransactionPart => ({
    label: 'old-lookup',
    Delete: { TableName: tableName, Key: calendarTokenKey(tokenHash) },
  });

  return {
    get,

    async create(userId, nonce, tokenHash, now) {
      const record: CalendarRecord = {
        userId,
        nonce,
        tokenHash,
        createdAt: now.toISOString(),
        rotatedAt: null,
        etag: null,
        builtAt: null,
      };
      try {
        await transactWrite(client, [
          {
            label: 'calendar',
            Put: {
              TableName: tableName,
              Item: {
                ...calendarKey(userId),
                type: 'calendar',
                userId,
                nonce,
                tokenHash,
                createdAt: record.createdAt,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          lookupCreation(tokenHash, userId),
        ]);
        return record;
      } catch (error) {
        // Created by a parallel request: that calendar is the one.
        const existing = error instanceof TransactionCancelledError ? error.oldItem('calendar') : null;
        if (existing) return toRecord(existing);
        throw error;
      }
    },

    async rotate(userId, previousHash, nonce, tokenHash, now) {
      try {
        await transactWrite(client, [
          {
            label: 'calendar',
            Update: {
              TableName: tableName,
              Key: calendarKey(userId),
              UpdateExpression:
                'SET nonce = :nonce, tokenHash = :hash, rotatedAt = :now REMOVE etag, builtAt',
              ConditionExpression: 'tokenHash = :previous',
              ExpressionAttributeValues: {
                ':nonce': nonce,
                ':hash': tokenHash,
                ':now': now.toISOString(),
                ':previous': previousHash,
              },
            },
          },
          lookupCreation(tokenHash, userId),
          lookupDeletion(previousHash),
        ]);
        return true;
      } catch (error) {
        if (error instanceof TransactionCancelledError && error.failedOn('calendar')) return false;
        throw error;
      }
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
      for (let attempt = 1; attempt <= removeAttempts; attempt += 1) {
        const record = await get(userId);
        if (!record) return;
        try {
          await transactWrite(client, [
            {
              label: 'calendar',
              Delete: {
                TableName: tableName,
                Key: calendarKey(userId),
                ConditionExpression: 'tokenHash = :hash',
                ExpressionAttributeValues: { ':hash': record.tokenHash },
              },
            },
            { label: 'feed', Delete: { TableName: tableName, Key: renderedFeedKey(userId) } },
            lookupDeletion(record.tokenHash),
          ]);
          return;
        } catch (error) {
          // Rotated between the read and the delete: read the new hash and delete again.
          if (!(error instanceof TransactionCancelledError && error.failedOn('calendar'))) throw error;
        }
      }
      throw new Error(`the calendar of ${userId} kept changing while it was removed; try again`);
    },
  };
}
