import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';

export interface JsonQueue<Message> {
  enqueue(messages: readonly Message[]): Promise<void>;
}

export class EnqueueError extends Error {
  override readonly name = 'EnqueueError';
}

/** SendMessageBatch calls in flight at once: a page of 1,000 readers is 100 calls, about ten rounds. */
const parallelBatches = 10;

/**
 * Messages as JSON bodies; SQS takes 10 a call, several calls run at once; a partly failed batch is an
 * error (after the others of its round finished), never a silent drop.
 */
export function createJsonQueue<Message>(client: SQSClient, queueUrl: string): JsonQueue<Message> {
  async function sendBatch(chunk: readonly Message[]): Promise<void> {
    const output = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: chunk.map((message, index) => ({ Id: String(index), MessageBody: JSON.stringify(message) })),
      }),
    );
    const failed = output.Failed ?? [];
    if (failed.length > 0) {
      const reasons = failed
        .map((entry) => `${entry.Id}: ${entry.Code} ${entry.Message ?? ''}`.trim())
        .join('; ');
      throw new EnqueueError(`${failed.length} of ${chunk.length} messages were not queued (${reasons})`);
    }
  }
  return {
    async enqueue(messages) {
      const chunks: Message[][] = [];
      for (let offset = 0; offset < messages.length; offset += 10)
        chunks.push(messages.slice(offset, offset + 10));
      for (let round = 0; round < chunks.length; round += parallelBatches) {
        const results = await Promise.allSettled(chunks.slice(round, round + parallelBatches).map(sendBatch));
        const failure = results.find((result) => result.status === 'rejected');
        if (failure) throw failure.reason;
      }
    },
  };
}
