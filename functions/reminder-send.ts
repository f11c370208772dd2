import { SESv2Client } from '@aws-sdk/client-sesv2';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { linkSecretLoader } from '#shared/config/link-secret.ts';
import { loadReminderSendConfig } from '#shared/config/reminder-config.ts';
import { createLogger } from '#shared/log/logger.ts';
import { createSesMailer } from '#shared/mail/mailer.ts';
import { type ReminderLedgerDetail, sendReminderBatch } from '#shared/reminders/send-reminders.ts';
import { createContactRepository } from '#shared/store/contact-repository.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createEventStore } from '#shared/store/event-store.ts';
import { createSendLedger } from '#shared/store/send-ledger.ts';
import { createSuppressionList } from '#shared/store/suppression-list.ts';
import { createUserRepository } from '#shared/store/user-repository.ts';

const config = loadReminderSendConfig();
const logger = createLogger({ level: config.logLevel, fields: { function: 'reminder-send' } });
const client = createDocumentClient();
const secret = linkSecretLoader(config.linkSecret);
const deps = {
  users: createUserRepository(client, config.tableName),
  contacts: createContactRepository(client, config.tableName),
  events: createEventStore(client, config.tableName),
  ledger: createSendLedger<ReminderLedgerDetail>(client, config.tableName, 'reminder'),
  suppression: createSuppressionList(client, config.tableName),
  mailer: createSesMailer(new SESv2Client({}), { configurationSet: config.mail.configurationSet }),
  identity: {
    from: config.mail.from,
    replyTo: config.mail.replyTo,
    messageIdDomain: config.mail.messageIdDomain,
  },
  links: async () => ({ secret: await secret(), publicBaseUrl: config.publicBaseUrl }),
  logger,
};

/** SQS batch of users whose reminder hour came: one email each listing the contacts due; failures go back. */
export const handler = middy<SQSEvent, SQSBatchResponse>().handler(async (event) => {
  const outcome = await sendReminderBatch(deps, event.Records, new Date());
  return { batchItemFailures: outcome.failedMessageIds.map((itemIdentifier) => ({ itemIdentifier })) };
});
