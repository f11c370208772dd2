import type { TestProject } from 'vitest/node';
import { startDynamoLocal } from '../../shared/local/dynamodb-local-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

/** One in-memory DynamoDB Local for the whole integration run; each test file makes its own table. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynamo = await startDynamoLocal({ host: '127.0.0.1', port: 0 });
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}
