import { SQSClient } from '@aws-sdk/client-sqs';
import { beforeEach, describe, expect, it } from 'vitest';
import { createLocalQueue } from '../../shared/local/local-queue.ts';
import { startLocalSqs } from '../../shared/local/local-sqs-server.ts';
import { silentLogger } from '../../shared/log/logger.ts';
import { bulkPool, createBulkMailer, MailDeferredError } from '../../shared/mail/bulk-mailer.ts';
import { bulkRateWindow } from '../../shared/mail/bulk-send-rate.ts';
import { DailyQuotaExceededError, type Mailer, type OutgoingMessage } from '../../shared/mail/mailer.ts';
import {
  batchResponseWithDeferrals,
  queueUrlOf,
  requeueDeferred,
} from '../../shared/queue/requeue-deferred.ts';
import { createSendRateStore, type SendRateStore } from '../../shared/store/send-rate-store.ts';
import { createLocalTable, type LocalTable } from '../support/local-table.ts';

/*
 * The shared send rate and the daily-quota pause, against DynamoDB Local: several bulk mailers stand for
 * several Lambda containers sending at once; the SES behind them is a recorder (what matters is when
 * each send was let through).
 */

let table: LocalTable;
let rate: SendRateStore;
const message: OutgoingMessage = { raw: new Uint8Array([1]), from: 'a@trellis.test', to: ['b@example.org'] };

beforeEach(async () => {
  table = await createLocalTable();
  rate = createSendRateStore(table.documentClient, table.tableName);
});

function recorder(options: { failWith?: (index: number) => Error | null } = {}) {
  const sentAt: number[] = [];
  const mailer: Mailer = {
    async sendRaw() {
      const failure = options.failWith?.(sentAt.length) ?? null;
      if (failure) throw failure;
      sentAt.push(Date.now());
      return { providerMessageId: String(sentAt.length) };
    },
  };
  return { sentAt, mailer };
}

describe('the bulk send rate', () => {
  it('keeps every sender together at 70 % of the account rate or less, and the whole rate for transactional mail', () => {
    expect(bulkRateWindow(14)).toEqual({ seconds: 1, limit: 9 });
    expect(bulkRateWindow(50)).toEqual({ seconds: 1, limit: 35 });
    // A sandbox account (1 a second): one bulk send every 2 seconds.
    expect(bulkRateWindow(1)).toEqual({ seconds: 2, limit: 1 });
    for (const maxSendRate of [1, 2, 3, 7, 14, 50, 200]) {
      const { seconds, limit } = bulkRateWindow(maxSendRate);
      expect(limit / seconds / maxSendRate).toBeLessThanOrEqual(0.7);
    }
  });

  it('never lets three senders at once past the shared limit in any second', async () => {
    const ses = recorder();
    const senders = Array.from({ length: 3 }, () =>
      createBulkMailer({ mailer: ses.mailer, rate, maxSendRate: async () => 10, logger: silentLogger }),
    );
    const started = Date.now();
    await Promise.all(
      senders.map(async (sender) => {
        for (let index = 0; index < 10; index += 1) await sender.sendRaw(message);
      }),
    );
    expect(ses.sentAt).toHaveLength(30);
    const perSecond = new Map<number, number>();
    for (const at of ses.sentAt)
      perSecond.set(Math.floor(at / 1000), (perSecond.get(Math.floor(at / 1000)) ?? 0) + 1);
    // 7 a second (70 % of 10) at most, so 30 sends take at least four more seconds.
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(7);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
  }, 30_000);

  it('lets a grant lapse that comes back after its second, and sends in the second it was granted for', async () => {
    let now = 10_000_950;
    const asked: number[] = [];
    const slowRate: SendRateStore = {
      ...rate,
      async take(pool, window, wanted, limit) {
        asked.push(window);
        const granted = await rate.take(pool, window, wanted, limit);
        // The first answer arrives 100 ms later, in the next second.
        if (asked.length === 1) now += 100;
        return granted;
      },
    };
    const sentAt: number[] = [];
    const sender = createBulkMailer({
      mailer: {
        async sendRaw() {
          sentAt.push(now);
          return { providerMessageId: String(sentAt.length) };
        },
      },
      rate: slowRate,
      maxSendRate: async () => 50,
      logger: silentLogger,
      clock: () => now,
    });
    await sender.sendRaw(message);
    expect(asked).toEqual([10_000, 10_001]);
    expect(sentAt).toEqual([10_001_050]);
  });

  it('lets transactional mail through at once while the bulk second is full', async () => {
    const window = Math.floor(Date.now() / 1000);
    await rate.take(bulkPool, window, 35, 35);
    await rate.take(bulkPool, window + 1, 35, 35);
    const bulkSes = recorder();
    const bulk = createBulkMailer({
      mailer: bulkSes.mailer,
      rate,
      maxSendRate: async () => 50,
      logger: silentLogger,
    });
    const transactional = recorder();
    const bulkSend = bulk.sendRaw(message);
    // A sign-in link goes through the plain mailer: no shared counter, no waiting.
    await transactional.mailer.sendRaw(message);
    expect(transactional.sentAt).toHaveLength(1);
    expect(bulkSes.sentAt).toHaveLength(0);
    await bulkSend;
    expect(bulkSes.sentAt[0]).toBeGreaterThan(transactional.sentAt[0] ?? Number.POSITIVE_INFINITY);
    expect(Math.floor((bulkSes.sentAt[0] ?? 0) / 1000)).toBeGreaterThanOrEqual(window + 2);
  }, 15_000);
});

describe('the daily quota', () => {
  it('pauses every bulk sender until it frees up, and sends nothing while paused', async () => {
    let now = Date.parse('2030-03-04T07:00:00Z');
    const clock = () => now;
    const quotaAt = 2;
    const ses = recorder({
      failWith: (index) =>
        index === quotaAt && now < Date.parse('2030-03-04T08:00:00Z')
          ? new DailyQuotaExceededError('SES refused: Daily message quota exceeded.')
          : null,
    });
    const make = () =>
      createBulkMailer({
        mailer: ses.mailer,
        rate,
        maxSendRate: async () => 1_000,
        logger: silentLogger,
        clock,
      });
    const first = make();
    await first.sendRaw(message);
    await first.sendRaw(message);
    const refused = await first.sendRaw(message).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(MailDeferredError);
    expect((refused as MailDeferredError).resumeAt.toISOString()).toBe('2030-03-04T08:00:00.000Z');
    expect(await rate.readPause(bulkPool)).toMatchObject({ until: '2030-03-04T08:00:00.000Z' });

    // Another container learns of the pause from the table and does not even try.
    const other = make();
    const attempts = ses.sentAt.length;
    await expect(other.sendRaw(message)).rejects.toBeInstanceOf(MailDeferredError);
    expect(ses.sentAt.length).toBe(attempts);

    now = Date.parse('2030-03-04T08:00:01Z');
    await other.sendRaw(message);
    expect(ses.sentAt).toHaveLength(3);
  });
});

describe('deferred messages', () => {
  it('go back on their own queue as new messages, delayed until the pause ends', async () => {
    const received: { body: string; receiveCount: string }[] = [];
    const queue = createLocalQueue({
      name: 'trellis-digest',
      consumerName: 'digest-send',
      consumer: async (event) => {
        received.push(
          ...event.Records.map((record) => ({
            body: record.body,
            receiveCount: record.attributes.ApproximateReceiveCount,
          })),
        );
        return { batchItemFailures: [] };
      },
      batchSize: 10,
      visibilityTimeoutMs: 60_000,
      maxReceiveCount: 5,
      logger: silentLogger,
    });
    const sqs = await startLocalSqs([queue]);
    try {
      const client = new SQSClient({
        endpoint: sqs.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      const arn = 'arn:aws:sqs:local:000000000000:trellis-digest';
      const now = new Date();
      const notRequeued = await requeueDeferred(
        client,
        [
          { messageId: 'm1', body: '{"userId":"a"}', eventSourceARN: arn },
          { messageId: 'm2', body: '{"userId":"b"}', eventSourceARN: arn },
        ],
        new Set(['m2']),
        new Date(now.getTime() + 1_500),
        now,
      );
      expect(notRequeued).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received).toEqual([]);
      await queue.drain();
      expect(Date.now() - now.getTime()).toBeGreaterThanOrEqual(1_500);
      // A new message: its receive count starts again, so a long pause never walks it into the DLQ.
      expect(received).toEqual([{ body: '{"userId":"b"}', receiveCount: '1' }]);
    } finally {
      queue.stop();
      await sqs.stop();
    }
  });

  it('are reported as failed when they cannot be put back, so SQS keeps them', async () => {
    const client = new SQSClient({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    const notRequeued = await requeueDeferred(
      client,
      [{ messageId: 'm1', body: '{}', eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:trellis-digest' }],
      new Set(['m1']),
      new Date(Date.now() + 60_000),
      new Date(),
    );
    expect(notRequeued).toEqual(['m1']);
  });

  it('make the batch answer: failed messages, and deferred ones that could not be put back', async () => {
    const client = new SQSClient({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    const arn = 'arn:aws:sqs:eu-west-1:123456789012:trellis-digest';
    const records = ['m1', 'm2', 'm3'].map((messageId) => ({ messageId, body: '{}', eventSourceARN: arn }));
    const outcome = {
      failedMessageIds: ['m1'],
      outcomes: [
        { messageId: 'm1', outcome: 'failed' },
        { messageId: 'm2', outcome: 'sent' },
        { messageId: 'm3', outcome: 'deferred' },
      ],
      resumeAt: new Date(Date.now() + 60_000).toISOString(),
    };
    expect(await batchResponseWithDeferrals(client, records, outcome, new Date())).toEqual({
      batchItemFailures: [{ itemIdentifier: 'm1' }, { itemIdentifier: 'm3' }],
      deferred: 1,
    });
    const none = { ...outcome, outcomes: outcome.outcomes.slice(0, 2), resumeAt: null };
    expect(await batchResponseWithDeferrals(client, records, none, new Date())).toEqual({
      batchItemFailures: [{ itemIdentifier: 'm1' }],
      deferred: 0,
    });
  });

  it('name the queue their record came from', () => {
    expect(queueUrlOf('arn:aws:sqs:eu-west-1:123456789012:trellis-digest')).toBe(
      'https://sqs.eu-west-1.amazonaws.com/123456789012/trellis-digest',
    );
  });
});
