import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startDynamoLocal } from '../../shared/local/dynamodb-local-server.ts';
import { silentLogger } from '../../shared/log/logger.ts';
import { createBulkMailer } from '../../shared/mail/bulk-mailer.ts';
import type { Mailer } from '../../shared/mail/mailer.ts';
import { createTableIfMissing } from '../../shared/store/create-table.ts';
import { createDocumentClient } from '../../shared/store/dynamo-client.ts';
import { createSendRateStore } from '../../shared/store/send-rate-store.ts';
import { round } from './bench-stats.ts';

export interface MailRateFigures {
  readonly senders: number;
  readonly mails: number;
  readonly maxSendRate: number;
  /** The busiest second's bulk sends over the account's maximum send rate (target ≤ 0.7). */
  readonly bulkShareOfRate: number;
  /** All bulk sends over the whole run, per second. */
  readonly bulkMailsPerS: number;
  /** How long a transactional send waited while bulk senders were busy, at worst. */
  readonly transactionalMaxWaitMs: number;
}

/**
 * Several bulk senders at once (as several digest-send and reminder-send containers) through the shared
 * rate counter in DynamoDB Local, each SES call taking 20 ms; meanwhile a transactional sender (a
 * sign-in link every 100 ms) goes direct. The figure is the busiest second's bulk sends against the
 * account's rate.
 */
export async function measureMailRate(options: {
  readonly senders: number;
  readonly mails: number;
  readonly maxSendRate: number;
}): Promise<MailRateFigures> {
  const dynamo = await startDynamoLocal({ port: 0 });
  try {
    const raw = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'b', secretAccessKey: 'b' },
    });
    await createTableIfMissing(raw, 'bench');
    raw.destroy();
    const rate = createSendRateStore(createDocumentClient({ endpoint: dynamo.endpoint }), 'bench');
    const bulkSentAt: number[] = [];
    const ses: Mailer = {
      async sendRaw() {
        // When the request reaches SES, which is where its rate is counted; the call then takes 20 ms.
        bulkSentAt.push(Date.now());
        await new Promise((resolve) => setTimeout(resolve, 20));
        return { providerMessageId: String(bulkSentAt.length) };
      },
    };
    const perSender = Math.ceil(options.mails / options.senders);
    const started = Date.now();
    let bulkDone = false;
    const transactionalWaits: number[] = [];
    const transactional = (async () => {
      while (!bulkDone) {
        const asked = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 20));
        transactionalWaits.push(Date.now() - asked - 20);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    await Promise.all(
      Array.from({ length: options.senders }, async () => {
        const sender = createBulkMailer({
          mailer: ses,
          rate,
          maxSendRate: async () => options.maxSendRate,
          logger: silentLogger,
          maxWaitMs: 120_000,
        });
        for (let index = 0; index < perSender; index += 1) {
          await sender.sendRaw({ raw: new Uint8Array([1]), from: 'a@bench', to: ['b@bench'] });
        }
      }),
    );
    bulkDone = true;
    await transactional;
    const elapsedS = (Date.now() - started) / 1000;
    const perSecond = new Map<number, number>();
    for (const at of bulkSentAt) {
      const second = Math.floor(at / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    }
    return {
      senders: options.senders,
      mails: bulkSentAt.length,
      maxSendRate: options.maxSendRate,
      bulkShareOfRate: round(Math.max(...perSecond.values()) / options.maxSendRate, 2),
      bulkMailsPerS: round(bulkSentAt.length / elapsedS, 1),
      transactionalMaxWaitMs: Math.max(0, ...transactionalWaits),
    };
  } finally {
    await dynamo.stop();
  }
}
