import type { SQSClient } from '@aws-sdk/client-sqs';
import type { IngestMessage } from './ingest-message.ts';
import { createJsonQueue, type JsonQueue } from './json-queue.ts';

export { EnqueueError } from './json-queue.ts';
export type IngestQueue = JsonQueue<IngestMessage>;

export const createIngestQueue = (client: SQSClient, queueUrl: string): IngestQueue =>
  createJsonQueue(client, queueUrl);
