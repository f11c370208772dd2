import { createHash, randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Logger } from '../log/logger.ts';
import { type LambdaHandler, localLambdaContext } from './lambda-context.ts';

export interface LocalQueueOptions {
  readonly name: string;
  readonly consumerName: string;
  readonly consumer: LambdaHandler<SQSEvent, SQSBatchResponse | undefined>;
  readonly batchSize: number;
  /** How long a failed message stays invisible before its next delivery. */
  readonly visibilityTimeoutMs: number;
  /** After this many receives a failing message goes to the dead-letter list (as on AWS). */
  readonly maxReceiveCount: number;
  readonly logger: Logger;
}

interface QueuedMessage {
  readonly messageId: string;
  readonly body: string;
  readonly sentAt: number;
  receiveCount: number;
  visibleAt: number;
}

export interface LocalQueue {
  readonly name: string;
  /** Queues a message, visible after `delaySeconds` (SQS's DelaySeconds). */
  send(body: string, delaySeconds?: number): { messageId: string; md5: string };
  /** Resolves when nothing is queued or in flight (dead-lettered messages do not count). */
  drain(): Promise<void>;
  readonly deadLetters: readonly { messageId: string; body: string }[];
  stop(): void;
}

export const md5Hex = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

/**
 * An SQS queue with a Lambda event source mapping, in process: messages are delivered to the consumer
 * as SQS batches; records named in `batchItemFailures` (or the whole batch, if the handler throws) come
 * back after the visibility timeout and are dead-lettered after maxReceiveCount receives.
 */
export function createLocalQueue(options: LocalQueueOptions): LocalQueue {
  const messages: QueuedMessage[] = [];
  const deadLetters: { messageId: string; body: string }[] = [];
  let delivering = false;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let waiters: (() => void)[] = [];

  const settleWaiters = () => {
    if (messages.length > 0 || delivering) return;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };

  const schedule = () => {
    if (stopped || delivering || timer || messages.length === 0) return;
    const next = Math.min(...messages.map((message) => message.visibleAt));
    timer = setTimeout(
      () => {
        timer = null;
        void deliver();
      },
      Math.max(0, next - Date.now()),
    );
  };

  const toRecord = (message: QueuedMessage): SQSRecord => ({
    messageId: message.messageId,
    receiptHandle: randomUUID(),
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentAt),
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: md5Hex(message.body),
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:local:000000000000:${options.name}`,
    awsRegion: 'local',
  });

  async function deliver() {
    if (stopped || delivering) return;
    const now = Date.now();
    const batch = messages.filter((message) => message.visibleAt <= now).slice(0, options.batchSize);
    if (batch.length === 0) {
      schedule();
      return;
    }
    delivering = true;
    for (const message of batch) message.receiveCount += 1;
    let failed: Set<string>;
    try {
      const response = await options.consumer(
        { Records: batch.map(toRecord) },
        localLambdaContext(options.consumerName),
      );
      failed = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
    } catch (error) {
      options.logger.error('queue consumer threw; the whole batch will be retried', {
        queue: options.name,
        error,
      });
      failed = new Set(batch.map((message) => message.messageId));
    }
    for (const message of batch) {
      const index = messages.indexOf(message);
      if (!failed.has(message.messageId)) {
        messages.splice(index, 1);
      } else if (message.receiveCount >= options.maxReceiveCount) {
        messages.splice(index, 1);
        deadLetters.push({ messageId: message.messageId, body: message.body });
        options.logger.error('message dead-lettered', {
          queue: options.name,
          messageId: message.messageId,
          body: message.body,
        });
      } else {
        message.visibleAt = Date.now() + options.visibilityTimeoutMs;
      }
    }
    delivering = false;
    settleWaiters();
    if (messages.some((message) => message.visibleAt <= Date.now())) setImmediate(() => void deliver());
    else schedule();
  }

  return {
    name: options.name,
    deadLetters,
    send(body, delaySeconds = 0) {
      const message: QueuedMessage = {
        messageId: randomUUID(),
        body,
        sentAt: Date.now(),
        receiveCount: 0,
        visibleAt: Date.now() + delaySeconds * 1000,
      };
      messages.push(message);
      if (delaySeconds > 0) {
        // A later message may now be the next one due: schedule again from it.
        if (timer && !delivering) {
          clearTimeout(timer);
          timer = null;
        }
        schedule();
      } else setImmediate(() => void deliver());
      return { messageId: message.messageId, md5: md5Hex(body) };
    },
    drain() {
      return new Promise((resolve) => {
        waiters.push(resolve);
        settleWaiters();
      });
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const resolve of waiters) resolve();
      waiters = [];
    },
  };
}
