import { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { loadIngestDispatchConfig } from '#shared/config/ingest-config.ts';
import { type DispatchResult, dispatchDueSources } from '#shared/ingest/dispatch-due-sources.ts';
import { createLogger } from '#shared/log/logger.ts';
import { createIngestQueue } from '#shared/queue/ingest-queue.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createSourceRepository } from '#shared/store/source-repository.ts';

const config = loadIngestDispatchConfig();
const logger = createLogger({ level: config.logLevel, fields: { function: 'ingest-dispatch' } });
const sources = createSourceRepository(createDocumentClient(), config.tableName);
const queue = createIngestQueue(new SQSClient({}), config.queueUrl);

/** EventBridge, every 30 minutes: queue every source that is due for a fetch. */
export const handler = middy<ScheduledEvent, DispatchResult>().handler((event) =>
  dispatchDueSources({ sources, queue, logger }, event.time ? new Date(event.time) : new Date()),
);
