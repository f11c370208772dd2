import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';

type Item = Record<string, unknown>;
export type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } };

/** How hard to retry what DynamoDB left unprocessed; tests pass an instant pause. */
export interface BatchRetry {
  readonly attempts: number;
  readonly pause: (ms: number) => Promise<void>;
}

const defaultRetry: BatchRetry = {
  attempts: 8,
  pause: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
const backoffMs = (attempt: number) => Math.min(50 * 2 ** attempt, 2000);

/** DynamoDB may leave part of a batch unprocessed under load; retry that part with backoff, then fail loudly. */
export class UnprocessedBatchError extends Error {
  override readonly name = 'UnprocessedBatchError';
}

export async function batchWriteAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  requests: readonly WriteRequest[],
  retry: BatchRetry = defaultRetry,
): Promise<void> {
  for (let offset = 0; offset < requests.length; offset += 25) {
    let pending: WriteRequest[] = requests.slice(offset, offset + 25);
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > retry.attempts)
        throw new UnprocessedBatchError(`${pending.length} writes still unprocessed`);
      if (attempt > 1) await retry.pause(backoffMs(attempt));
      const output = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (output.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
    }
  }
}

export async function batchGetAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Item[],
  options: { projection?: string; names?: Record<string, string> } = {},
  retry: BatchRetry = defaultRetry,
): Promise<Item[]> {
  const items: Item[] = [];
  for (let offset = 0; offset < keys.length; offset += 100) {
    let pending: Item[] = keys.slice(offset, offset + 100);
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > retry.attempts)
        throw new UnprocessedBatchError(`${pending.length} reads still unprocessed`);
      if (attempt > 1) await retry.pause(backoffMs(attempt));
      const output: BatchGetCommandOutput = await client.send(
        new BatchGetCommand({
          RequestItems: {
            [tableName]: {
              Keys: pending,
              ConsistentRead: true,
              ...(options.projection ? { ProjectionExpression: options.projection } : {}),
              ...(options.names ? { ExpressionAttributeNames: options.names } : {}),
            },
          },
        }),
      );
      items.push(...((output.Responses?.[tableName] ?? []) as Item[]));
      pending = (output.UnprocessedKeys?.[tableName]?.Keys ?? []) as Item[];
    }
  }
  return items;
}
