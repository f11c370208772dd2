import { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { loadIngestDispatchConfig } from '#shared/config/ingest-config.ts';
import { type DispatchResult, dispatchDueSources } from '#shared/ingest/dispatch-due-sources.ts';
import { createObservability } from '#shared/observability/observability.ts';
import { createIngestQueue } from '#shared/queue/ingest-queue.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createSourceRepository } from '#shared/store/source-repository.ts';

const config = loadIngestDispatchConfig();
const observability = createObservability({ service: 'ingest-dispatch', logLevel: config.logLevel });
const { logger, metrics } = observability;
const sources = createSourceRepository(observability.traced(createDocumentClient()), config.tableName);
const queue = createIngestQueue(observability.traced(new SQSClient({})), config.queueUrl);

/** EventBridge, every 30 minutes: queue every source that is due for a fetch. */
export const handler = middy<ScheduledEvent, DispatchResult>()
  .use(observability.middlewares())
  .handler(async (event) => {
    const result = await dispatchDueSources(
      { sources, queue, logger },
      event.time ? new Date(event.time) : new Date(),
    );
    metrics.count('MessagesEnqueued', result.enqueued);
    return result;
  });
