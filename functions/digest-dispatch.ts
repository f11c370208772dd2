import { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { loadDigestDispatchConfig } from '#shared/config/digest-config.ts';
import { type DigestDispatchResult, dispatchDueDigests } from '#shared/digest/dispatch-digests.ts';
import { createLogger } from '#shared/log/logger.ts';
import type { DigestMessage } from '#shared/queue/digest-message.ts';
import { createJsonQueue } from '#shared/queue/json-queue.ts';
import { createDispatchProgress } from '#shared/store/dispatch-progress.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createUserRepository } from '#shared/store/user-repository.ts';

const config = loadDigestDispatchConfig();
const logger = createLogger({ level: config.logLevel, fields: { function: 'digest-dispatch' } });
const client = createDocumentClient();
const deps = {
  users: createUserRepository(client, config.tableName),
  progress: createDispatchProgress(client, config.tableName, 'digest'),
  queue: createJsonQueue<DigestMessage>(new SQSClient({}), config.queueUrl),
  logger,
};

/** EventBridge, hourly: queue the digests that came due since the last run. */
export const handler = middy<ScheduledEvent, DigestDispatchResult>().handler((event) =>
  dispatchDueDigests(deps, event.time ? new Date(event.time) : new Date()),
);
