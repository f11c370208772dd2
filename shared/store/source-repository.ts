import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Source, SourceHealth } from '../sources/source.ts';
import { sourceKey, sourceNextFetchSk, sourcesByNextFetchPk } from './keys/source-keys.ts';

export class SourceExistsError extends Error {
  override readonly name = 'SourceExistsError';
}

export class SourceNotFoundError extends Error {
  override readonly name = 'SourceNotFoundError';
}

export interface SourceRepository {
  create(source: Source): Promise<void>;
  get(sourceId: string): Promise<Source | null>;
  list(): Promise<Source[]>;
  listDue(now: Date): Promise<Source[]>;
  saveHealth(sourceId: string, health: SourceHealth): Promise<void>;
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
  async function queryAll(
    input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
  ): Promise<Source[]> {
    const sources: Source[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({ ...input, TableName: tableName, ExclusiveStartKey: startKey }),
      );
      for (const item of page.Items ?? []) sources.push(fromItem(item));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return sources;
  }

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
        if (error instanceof ConditionalCheckFailedException) {
          throw new SourceExistsError(`a source for ${source.url} already exists (${source.id})`);
        }
        throw error;
      }
    },

    async get(sourceId) {
      const output = await client.send(new GetCommand({ TableName: tableName, Key: sourceKey(sourceId) }));
      return output.Item ? fromItem(output.Item) : null;
    },

    list: () =>
      queryAll({
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': sourcesByNextFetchPk },
      }),

    listDue: (now) =>
      queryAll({
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :due',
        // '~' sorts after '#<id>', so every source due at exactly `now` is included.
        ExpressionAttributeValues: { ':pk': sourcesByNextFetchPk, ':due': `${now.toISOString()}~` },
      }),

    async saveHealth(sourceId, health) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: sourceKey(sourceId),
            UpdateExpression: 'SET health = :health, gsi1sk = :next',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: {
              ':health': health,
              ':next': sourceNextFetchSk(health.nextFetchAt, sourceId),
            },
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException)
          throw new SourceNotFoundError(`no source ${sourceId}`);
        throw error;
      }
    },
  };
}
