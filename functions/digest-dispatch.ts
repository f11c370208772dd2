import { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { digestWindowDaysFromEnv, loadDigestDispatchConfig } from '#shared/config/digest-config.ts';
import {
  type DigestDispatchResult,
  type DigestSlotDue,
  dispatchDueDigests,
} from '#shared/digest/dispatch-digests.ts';
import { createObservability } from '#shared/observability/observability.ts';
import type { DigestMessage } from '#shared/queue/digest-message.ts';
import { createJsonQueue } from '#shared/queue/json-queue.ts';
import { createDispatchProgress } from '#shared/store/dispatch-progress.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createEventStore } from '#shared/store/event-store.ts';
import { createUserRepository } from '#shared/store/user-repository.ts';
import { createWindowSnapshotStore } from '#shared/store/window-snapshot-store.ts';

const config = loadDigestDispatchConfig();
const observability = createObservability({ service: 'digest-dispatch', logLevel: config.logLevel });
const client = observability.traced(createDocumentClient());
const deps = {
  users: createUserRepository(client, config.tableName),
  progress: createDispatchProgress<DigestSlotDue>(client, config.tableName, 'digest'),
  queue: createJsonQueue<DigestMessage>(observability.traced(new SQSClient({})), config.queueUrl),
  logger: observability.logger,
  // The event window, read once per run for all its send batches (shared/digest/snapshot-digest-window.ts).
  window: {
    events: createEventStore(client, config.tableName),
    snapshots: createWindowSnapshotStore(client, config.tableName),
    windowDays: digestWindowDaysFromEnv(),
  },
};

/** EventBridge, every 15 minutes: queue the digests that came due since the last run. */
export const handler = middy<ScheduledEvent, DigestDispatchResult>()
  .use(observability.middlewares())
  .handler(async (event, context) => {
    const result = await dispatchDueDigests(
      { ...deps, remainingMs: () => context.getRemainingTimeInMillis() },
      event.time ? new Date(event.time) : new Date(),
    );
    observability.metrics.count('MessagesEnqueued', result.enqueued);
    return result;
  });
