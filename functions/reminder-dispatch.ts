import { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { loadReminderDispatchConfig } from '#shared/config/reminder-config.ts';
import { createObservability } from '#shared/observability/observability.ts';
import { createJsonQueue } from '#shared/queue/json-queue.ts';
import type { ReminderMessage } from '#shared/queue/reminder-message.ts';
import {
  dispatchDueReminders,
  type ReminderDispatchResult,
  type ReminderSlotDue,
} from '#shared/reminders/dispatch-reminders.ts';
import { createDispatchProgress } from '#shared/store/dispatch-progress.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createReminderSlots } from '#shared/store/reminder-slots.ts';

const config = loadReminderDispatchConfig();
const observability = createObservability({ service: 'reminder-dispatch', logLevel: config.logLevel });
const client = observability.traced(createDocumentClient());
const deps = {
  slots: createReminderSlots(client, config.tableName),
  progress: createDispatchProgress<ReminderSlotDue>(client, config.tableName, 'reminder'),
  queue: createJsonQueue<ReminderMessage>(observability.traced(new SQSClient({})), config.queueUrl),
  logger: observability.logger,
};

/** EventBridge, every 15 minutes: queue the users whose local reminder hour came since the last run. */
export const handler = middy<ScheduledEvent, ReminderDispatchResult>()
  .use(observability.middlewares())
  .handler(async (event, context) => {
    const result = await dispatchDueReminders(
      { ...deps, remainingMs: () => context.getRemainingTimeInMillis() },
      event.time ? new Date(event.time) : new Date(),
    );
    observability.metrics.count('MessagesEnqueued', result.enqueued);
    return result;
  });
