import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** The URL of the queue an SQS record came from (`arn:aws:sqs:eu-west-1:123456789012:digests`). */
export function queueUrlOf(eventSourceArn: string): string {
  const [, partition, , region, account, name] = eventSourceArn.split(':');
  const domain = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sqs.${region}.${domain}/${account}/${name}`;
}

/** SQS delays a message at most 15 minutes; a longer pause takes a few rounds. */
const maxDelaySeconds = 900;

interface DeferrableRecord {
  readonly messageId: string;
  readonly body: string;
  readonly eventSourceARN: string;
}

/**
 * Puts deferred messages back on their queue, delayed until `resumeAt` (at most 15 minutes a round),
 * as new messages: a deferral is not a failure, so it never counts towards the dead-letter queue.
 * Returns the ids that could not be put back (the caller reports them as failed, SQS retries them).
 */
export async function requeueDeferred(
  client: SQSClient,
  records: readonly DeferrableRecord[],
  deferredIds: ReadonlySet<string>,
  resumeAt: Date,
  now: Date,
): Promise<string[]> {
  const deferred = records.filter((record) => deferredIds.has(record.messageId));
  const delaySeconds = Math.min(
    maxDelaySeconds,
    Math.max(1, Math.ceil((resumeAt.getTime() - now.getTime()) / 1000)),
  );
  const notRequeued: string[] = [];
  for (let offset = 0; offset < deferred.length; offset += 10) {
    const chunk = deferred.slice(offset, offset + 10);
    const byQueue = new Map<string, DeferrableRecord[]>();
    for (const record of chunk) {
      const url = queueUrlOf(record.eventSourceARN);
      byQueue.set(url, [...(byQueue.get(url) ?? []), record]);
    }
    for (const [queueUrl, entries] of byQueue) {
      try {
        const output = await client.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: entries.map((record, index) => ({
              Id: String(index),
              MessageBody: record.body,
              DelaySeconds: delaySeconds,
            })),
          }),
        );
        for (const failure of output.Failed ?? []) {
          const record = entries[Number(failure.Id)];
          if (record) notRequeued.push(record.messageId);
        }
      } catch {
        notRequeued.push(...entries.map((record) => record.messageId));
      }
    }
  }
  return notRequeued;
}

/**
 * A send batch's answer to SQS: its failed messages, and its deferred ones put back for later (those that
 * could not be put back count as failed, so SQS keeps them).
 */
export async function batchResponseWithDeferrals(
  client: SQSClient,
  records: readonly DeferrableRecord[],
  outcome: {
    readonly failedMessageIds: readonly string[];
    readonly outcomes: readonly { readonly messageId: string; readonly outcome: string }[];
    readonly resumeAt: string | null;
  },
  now: Date,
): Promise<{ batchItemFailures: { itemIdentifier: string }[]; deferred: number }> {
  const deferred = new Set(
    outcome.outcomes.filter((entry) => entry.outcome === 'deferred').map((entry) => entry.messageId),
  );
  const notRequeued = outcome.resumeAt
    ? await requeueDeferred(client, records, deferred, new Date(outcome.resumeAt), now)
    : [];
  return {
    batchItemFailures: [...outcome.failedMessageIds, ...notRequeued].map((itemIdentifier) => ({
      itemIdentifier,
    })),
    deferred: deferred.size,
  };
}
