import { SESv2Client } from '@aws-sdk/client-sesv2';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { loadDigestSendConfig } from '#shared/config/digest-config.ts';
import { linkSecretLoader } from '#shared/config/link-secret.ts';
import { type DigestLedgerDetail, sendDigestBatch } from '#shared/digest/send-digests.ts';
import { createLogger } from '#shared/log/logger.ts';
import { createSesMailer } from '#shared/mail/mailer.ts';
import { createContactRepository } from '#shared/store/contact-repository.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createEventStore } from '#shared/store/event-store.ts';
import { createSendLedger } from '#shared/store/send-ledger.ts';
import { createSuppressionList } from '#shared/store/suppression-list.ts';
import { createUserRepository } from '#shared/store/user-repository.ts';

const config = loadDigestSendConfig();
const logger = createLogger({ level: config.logLevel, fields: { function: 'digest-send' } });
const client = createDocumentClient();
const secret = linkSecretLoader(config.linkSecret);
const deps = {
  users: createUserRepository(client, config.tableName),
  events: createEventStore(client, config.tableName),
  contacts: createContactRepository(client, config.tableName),
  ledger: createSendLedger<DigestLedgerDetail>(client, config.tableName, 'digest'),
  suppression: createSuppressionList(client, config.tableName),
  mailer: createSesMailer(new SESv2Client({}), { configurationSet: config.mail.configurationSet }),
  identity: {
    from: config.mail.from,
    replyTo: config.mail.replyTo,
    messageIdDomain: config.mail.messageIdDomain,
  },
  links: async () => ({ secret: await secret() }),
  publicBaseUrl: config.publicBaseUrl,
  unsubscribeMailto: config.mail.unsubscribeMailto,
  windowDays: config.windowDays,
  logger,
};

/** SQS batch of users whose digest is due; failures go back to the queue (partial batch response). */
export const handler = middy<SQSEvent, SQSBatchResponse>().handler(async (event) => {
  const outcome = await sendDigestBatch(deps, event.Records, new Date());
  return { batchItemFailures: outcome.failedMessageIds.map((itemIdentifier) => ({ itemIdentifier })) };
});
