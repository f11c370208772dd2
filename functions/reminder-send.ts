import { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { linkSecretIn, linkSecretMiddleware } from '#shared/config/link-secret.ts';
import { loadReminderSendConfig } from '#shared/config/reminder-config.ts';
import { createBulkMailer } from '#shared/mail/bulk-mailer.ts';
import { createSesMailer } from '#shared/mail/mailer.ts';
import { sesAccountLimits } from '#shared/mail/ses-account-limits.ts';
import { createSesClient } from '#shared/mail/ses-client.ts';
import { createObservability } from '#shared/observability/observability.ts';
import { batchResponseWithDeferrals } from '#shared/queue/requeue-deferred.ts';
import { type ReminderLedgerDetail, sendReminderBatch } from '#shared/reminders/send-reminders.ts';
import { createContactRepository } from '#shared/store/contact-repository.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createEventStore } from '#shared/store/event-store.ts';
import { createMembershipRepository } from '#shared/store/membership-repository.ts';
import { createSendLedger, defaultSendEventWaitMs } from '#shared/store/send-ledger.ts';
import { createSendRateStore } from '#shared/store/send-rate-store.ts';
import { createSuppressionList } from '#shared/store/suppression-list.ts';
import { createUserRepository } from '#shared/store/user-repository.ts';

const config = loadReminderSendConfig();
const observability = createObservability({ service: 'reminder-send', logLevel: config.logLevel });
const { metrics } = observability;
const client = observability.traced(createDocumentClient());
const ses = observability.traced(createSesClient());
const accountLimits = sesAccountLimits(ses);
const sqs = observability.traced(new SQSClient({}));
const deps = {
  users: createUserRepository(client, config.tableName),
  contacts: createContactRepository(client, config.tableName),
  memberships: createMembershipRepository(client, config.tableName),
  events: createEventStore(client, config.tableName),
  // SES publishes Send events to ses-events wherever a configuration set is used (infra/constructs/mail.ts).
  ledger: createSendLedger<ReminderLedgerDetail>(client, config.tableName, 'reminder', {
    resendUnconfirmedAfterMs: config.mail.configurationSet ? defaultSendEventWaitMs : null,
  }),
  suppression: createSuppressionList(client, config.tableName),
  mailer: createBulkMailer({
    mailer: createSesMailer(ses, { configurationSet: config.mail.configurationSet }),
    rate: createSendRateStore(client, config.tableName),
    maxSendRate: async () => (await accountLimits()).maxSendRate,
    logger: observability.logger,
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
    const response = await batchResponseWithDeferrals(sqs, event.Records, outcome, new Date());
    metrics.count('MailsDeferred', response.deferred);
    return { batchItemFailures: response.batchItemFailures };
  });
