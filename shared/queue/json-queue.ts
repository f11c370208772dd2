import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';

export interface JsonQueue<Message> {
  enqueue(messages: readonly Message[]): Promise<void>;
}

export class EnqueueError extends Error {
  override readonly name = 'EnqueueError';
}

/** Messages as JSON bodies; SQS takes 10 a call; a partly failed batch is an error, never a silent drop. */
export function createJsonQueue<Message>(client: SQSClient, queueUrl: string): JsonQueue<Message> {
  return {
    async enqueue(messages) {
      for (let offset = 0; offset < messages.length; offset += 10) {
        const chunk = messages.slice(offset, offset + 10);
        const output = await client.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: chunk.map((message, index) => ({
              Id: String(index),
              MessageBody: JSON.stringify(message),
            })),
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
    },
  };
}
