import { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { loadIngestFeedConfig } from '#shared/config/ingest-config.ts';
import { fetchFeed } from '#shared/feeds/fetch-feed.ts';
import { processIngestBatch } from '#shared/ingest/process-ingest-batch.ts';
import { createObservability } from '#shared/observability/observability.ts';
import type { InviteMessage } from '#shared/queue/invite-message.ts';
import { createJsonQueue } from '#shared/queue/json-queue.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createEventStore } from '#shared/store/event-store.ts';
import { createSourceRepository } from '#shared/store/source-repository.ts';

const config = loadIngestFeedConfig();
const observability = createObservability({ service: 'ingest-feed', logLevel: config.logLevel });
const { logger, metrics } = observability;
const client = observability.traced(createDocumentClient());
const inviteQueue = createJsonQueue<InviteMessage>(
  observability.traced(new SQSClient({})),
  config.inviteQueueUrl,
);
const deps = {
  sources: createSourceRepository(client, config.tableName),
  events: createEventStore(client, config.tableName),
  fetchFeed,
  logger,
  loopback: config.loopback,
  horizonDays: config.horizonDays,
  maxFeedBytes: config.maxFeedBytes,
  maxEventsPerSource: config.maxEventsPerSource,
  announceSavedEventChanges: (eventIds: readonly string[]) =>
    inviteQueue.enqueue(eventIds.map((eventId) => ({ eventId }))),
  ...(config.userAgent ? { userAgent: config.userAgent } : {}),
};

/** SQS batch of sources to fetch; failed records go back to the queue (partial batch response). */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(observability.middlewares())
  .handler(async (event) => {
    const outcome = await processIngestBatch(deps, event.Records, () => new Date(), logger);
    const fetched = outcome.reports.filter(
      (report) => report.outcome === 'updated' || report.outcome === 'not-modified',
    );
    metrics.count('FeedsFetched', fetched.length);
    metrics.count('FeedsFailed', outcome.reports.filter((report) => report.outcome === 'failed').length);
    metrics.count(
      'EventsStored',
      fetched.reduce((sum, { sync }) => sum + (sync ? sync.created + sync.merged + sync.updated : 0), 0),
    );
    return { batchItemFailures: outcome.failedMessageIds.map((itemIdentifier) => ({ itemIdentifier })) };
  });
