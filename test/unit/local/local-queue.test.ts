import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createLocalQueue } from '../../../shared/local/local-queue.ts';
import { silentLogger } from '../../../shared/log/logger.ts';

function recordingQueue(
  decide: (body: string, receiveCount: number) => 'ok' | 'fail' | 'throw',
  batchSize = 3,
) {
  const deliveries: { bodies: string[] }[] = [];
  const queue = createLocalQueue({
    name: 'test',
    consumerName: 'consumer',
    batchSize,
    visibilityTimeoutMs: 5,
    maxReceiveCount: 3,
    logger: silentLogger,
    consumer: async (event: SQSEvent): Promise<SQSBatchResponse> => {
      deliveries.push({ bodies: event.Records.map((record) => record.body) });
      const failures: { itemIdentifier: string }[] = [];
      for (const record of event.Records) {
        const verdict = decide(record.body, Number(record.attributes.ApproximateReceiveCount));
        if (verdict === 'throw') throw new Error('consumer crashed');
        if (verdict === 'fail') failures.push({ itemIdentifier: record.messageId });
      }
      return { batchItemFailures: failures };
    },
  });
  return { queue, deliveries };
}

describe('local queue', () => {
  it('delivers messages as SQS batches of at most the batch size', async () => {
    const { queue, deliveries } = recordingQueue(() => 'ok', 2);
    for (const body of ['1', '2', '3', '4', '5']) queue.send(body);
    await queue.drain();
    expect(deliveries.flatMap((delivery) => delivery.bodies).sort()).toEqual(['1', '2', '3', '4', '5']);
    expect(Math.max(...deliveries.map((delivery) => delivery.bodies.length))).toBe(2);
  });

  it('redelivers only the records named as batch item failures', async () => {
    const { queue, deliveries } = recordingQueue((body, receiveCount) =>
      body === 'flaky' && receiveCount === 1 ? 'fail' : 'ok',
    );
    queue.send('fine');
    queue.send('flaky');
    await queue.drain();
    expect(deliveries.map((delivery) => delivery.bodies)).toEqual([['fine', 'flaky'], ['flaky']]);
    expect(queue.deadLetters).toEqual([]);
  });

  it('dead-letters a message after three failed receives and keeps delivering the rest', async () => {
    const { queue, deliveries } = recordingQueue((body) => (body === 'poison' ? 'throw' : 'ok'), 1);
    queue.send('poison');
    queue.send('fine');
    await queue.drain();
    expect(deliveries.filter((delivery) => delivery.bodies[0] === 'poison')).toHaveLength(3);
    expect(deliveries.filter((delivery) => delivery.bodies[0] === 'fine')).toHaveLength(1);
    expect(queue.deadLetters.map((letter) => letter.body)).toEqual(['poison']);
  });
});
