import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createTableIfMissing } from '../../shared/store/create-table.ts';
import { createDocumentClient } from '../../shared/store/dynamo-client.ts';

export interface LocalTable {
  readonly tableName: string;
  readonly endpoint: string;
  readonly documentClient: DynamoDBDocumentClient;
}

/** A fresh table on the run's DynamoDB Local, so test files never see each other's items. */
export async function createLocalTable(): Promise<LocalTable> {
  const endpoint = inject('dynamoEndpoint');
  const tableName = `test-${randomUUID().slice(0, 8)}`;
  const raw = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await createTableIfMissing(raw, tableName);
  raw.destroy();
  return { tableName, endpoint, documentClient: createDocumentClient({ endpoint }) };
}
