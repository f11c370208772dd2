import { SESv2Client } from '@aws-sdk/client-sesv2';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { linkSecretIn, linkSecretMiddleware } from '#shared/config/link-secret.ts';
import { loadReminderSendConfig } from '#shared/config/reminder-config.ts';
import { createSesMailer } from '#shared/mail/mailer.ts';
import { createObservability } from '#shared/observability/observability.ts';
import { type ReminderLedgerDetail, sendReminderBatch } from '#shared/reminders/send-reminders.ts';
import { createContactRepository } from '#shared/store/contact-repository.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createEventStore } from '#shared/store/event-store.ts';
import { createMembershipRepository } from '#shared/store/membership-repository.ts';
import { createSendLedger } from '#shared/store/send-ledger.ts';
import { createSuppressionList } from '#shared/store/suppression-list.ts';
import { createUserRepository } from '#shared/store/user-repository.ts';

const config = loadReminderSendConfig();
const observability = createObservability({ service: 'reminder-send', logLevel: config.logLevel });
const { metrics } = observability;
const client = observability.traced(createDocumentClient());
const deps = {
  users: createUserRepository(client, config.tableName),
  contacts: createContactRepository(client, config.tableName),
  memberships: createMembershipRepository(client, config.tableName),
  events: createEventStore(client, config.tableName),
  ledger: createSendLedger<ReminderLedgerDetail>(client, config.tableName, 'reminder'),
  suppression: createSuppressionList(client, config.tableName),
  mailer: createSesMailer(observability.traced(new SESv2Client({})), {
    configurationSet: config.mail.configurationSet,
  }),
  identity: {
    from: config.mail.from,
    replyTo: config.mail.replyTo,
    messageIdDomain: config.mail.messageIdDomain,
  },
  logger: observability.logger,
};

/** SQS batch of users whose reminder hour came: one email each listing the contacts due; failures go back. */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(observability.middlewares())
  .use(linkSecretMiddleware(config.linkSecret, { capture: observability.traced }))
  .handler(async (event, context) => {
    const links = async () => ({ secret: linkSecretIn(context), publicBaseUrl: config.publicBaseUrl });
    const outcome = await sendReminderBatch({ ...deps, links }, event.Records, new Date());
    metrics.count('RemindersSent', outcome.outcomes.filter(({ outcome }) => outcome === 'sent').length);
    metrics.count(
      'MailsSuppressed',
      outcome.outcomes.filter(({ outcome }) => outcome === 'suppressed').length,
    );
    return { batchItemFailures: outcome.failedMessageIds.map((itemIdentifier) => ({ itemIdentifier })) };
  });
