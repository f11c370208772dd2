import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Source, SourceHealth } from '../sources/source.ts';
import { isConditionFailure } from './condition-failure.ts';
import { sourceKey, sourceNextFetchSk, sourcesByNextFetchPk } from './keys/source-keys.ts';
import { queryAll } from './query-all.ts';
import type { TransactionCancelledError, TransactionPart } from './transact-write.ts';

/*
 * SOURCE#<id> / SOURCE   one feed; the id is derived from its URL, so the item is also the URL's
 *                        uniqueness: creating it (attribute_not_exists) is what refuses a second source.
 */

export class SourceExistsError extends Error {
  override readonly name = 'SourceExistsError';
}

export class SourceNotFoundError extends Error {
  override readonly name = 'SourceNotFoundError';
}

export interface SourceRepository {
  /** SourceExistsError when a source holds the id (the URL is registered). */
  create(source: Source): Promise<void>;
  /** Creating the source as a part of the caller's transaction (label 'source'; fails when the id is held). */
  creationPart(source: Source): TransactionPart;
  /** The source that held the id when the creation part of a cancelled transaction failed. */
  existingIn(cancelled: TransactionCancelledError): Source | null;
  get(sourceId: string): Promise<Source | null>;
  list(): Promise<Source[]>;
  listDue(now: Date): Promise<Source[]>;
  /** Records the outcome of an attempt (success or failure); the attempt mark goes. */
  saveHealth(sourceId: string, health: SourceHealth): Promise<void>;
  /**
   * Marks an ingest as started, and the source not due again before `nextFetchAt` (the backoff it gets if
   * this attempt never finishes); only if the mark is still `previousAttempt` (absent: none). False when
   * another run marked it first.
   */
  startAttempt(
    sourceId: string,
    startedAt: Date,
    nextFetchAt: Date,
    previousAttempt: string | undefined,
  ): Promise<boolean>;
}

type SourceItem = Source & { pk: string; sk: string; type: 'source'; gsi1pk: string; gsi1sk: string };

function toItem(source: Source): SourceItem {
  return {
    ...sourceKey(source.id),
    type: 'source',
    gsi1pk: sourcesByNextFetchPk,
    gsi1sk: sourceNextFetchSk(source.health.nextFetchAt, source.id),
    ...source,
  };
}

function fromItem(item: Record<string, unknown>): Source {
  const { pk: _pk, sk: _sk, type: _type, gsi1pk: _g1, gsi1sk: _g1s, ...source } = item;
  return source as unknown as Source;
}

export function createSourceRepository(client: DynamoDBDocumentClient, tableName: string): SourceRepository {
  const sources = async (input: Omit<QueryCommandInput, 'TableName'>) =>
    (await queryAll(client, { ...input, TableName: tableName })).map(fromItem);

  return {
    async create(source) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: toItem(source),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (isConditionFailure(error))
          throw new SourceExistsError(`a source for ${source.url} already exists (${source.id})`);
        throw error;
      }
    },

    creationPart: (source) => ({
      label: 'source',
      Put: {
        TableName: tableName,
        Item: toItem(source),
        ConditionExpression: 'attribute_not_exists(pk)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    }),

    existingIn(cancelled) {
      const item = cancelled.failedOn('source') ? cancelled.oldItem('source') : null;
      return item ? fromItem(item) : null;
    },

    async get(sourceId) {
      const output = await client.send(new GetCommand({ TableName: tableName, Key: sourceKey(sourceId) }));
      return output.Item ? fromItem(output.Item) : null;
    },

    list: () =>
      sources({
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': sourcesByNextFetchPk },
      }),

    listDue: (now) =>
      sources({
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :due',
        // '~' sorts after '#<id>', so every source due at exactly `now` is included.
        ExpressionAttributeValues: { ':pk': sourcesByNextFetchPk, ':due': `${now.toISOString()}~` },
      }),

    async saveHealth(sourceId, health) {
      const { attemptStartedAt: _finished, ...outcome } = health;
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: sourceKey(sourceId),
            UpdateExpression: 'SET health = :health, gsi1sk = :next',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: {
              ':health': outcome,
              ':next': sourceNextFetchSk(health.nextFetchAt, sourceId),
            },
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) throw new SourceNotFoundError(`no source ${sourceId}`);
        throw error;
      }
    },

    async startAttempt(sourceId, startedAt, nextFetchAt, previousAttempt) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: sourceKey(sourceId),
            UpdateExpression:
              'SET health.attemptStartedAt = :started, health.nextFetchAt = :at, gsi1sk = :next',
            ConditionExpression:
              previousAttempt === undefined
                ? 'attribute_exists(pk) AND attribute_not_exists(health.attemptStartedAt)'
                : 'health.attemptStartedAt = :previous',
            ExpressionAttributeValues: {
              ':started': startedAt.toISOString(),
              ':at': nextFetchAt.toISOString(),
              ':next': sourceNextFetchSk(nextFetchAt.toISOString(), sourceId),
              ...(previousAttempt === undefined ? {} : { ':previous': previousAttempt }),
            },
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
