import { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { loadDigestSendConfig } from '#shared/config/digest-config.ts';
import { linkSecretIn, linkSecretMiddleware } from '#shared/config/link-secret.ts';
import { type DigestLedgerDetail, sendDigestBatch } from '#shared/digest/send-digests.ts';
import { createBulkMailer } from '#shared/mail/bulk-mailer.ts';
import { createSesMailer } from '#shared/mail/mailer.ts';
import { sesAccountLimits } from '#shared/mail/ses-account-limits.ts';
import { createSesClient } from '#shared/mail/ses-client.ts';
import { createObservability } from '#shared/observability/observability.ts';
import { batchResponseWithDeferrals } from '#shared/queue/requeue-deferred.ts';
import { createContactRepository } from '#shared/store/contact-repository.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createEventStore } from '#shared/store/event-store.ts';
import { createMembershipRepository } from '#shared/store/membership-repository.ts';
import { createSavedEventStore } from '#shared/store/saved-event-store.ts';
import { createSendLedger, defaultSendEventWaitMs } from '#shared/store/send-ledger.ts';
import { createSendRateStore } from '#shared/store/send-rate-store.ts';
import { createSuppressionList } from '#shared/store/suppression-list.ts';
import { createUserRepository } from '#shared/store/user-repository.ts';
import { createWindowSnapshotStore } from '#shared/store/window-snapshot-store.ts';

const config = loadDigestSendConfig();
const observability = createObservability({ service: 'digest-send', logLevel: config.logLevel });
const { metrics } = observability;
const client = observability.traced(createDocumentClient());
const ses = observability.traced(createSesClient());
const accountLimits = sesAccountLimits(ses);
const sqs = observability.traced(new SQSClient({}));
const deps = {
  users: createUserRepository(client, config.tableName),
  events: createEventStore(client, config.tableName),
  contacts: createContactRepository(client, config.tableName),
  saved: createSavedEventStore(client, config.tableName),
  memberships: createMembershipRepository(client, config.tableName),
  snapshots: createWindowSnapshotStore(client, config.tableName),
  // SES publishes Send events to ses-events wherever a configuration set is used (infra/constructs/mail.ts).
  ledger: createSendLedger<DigestLedgerDetail>(client, config.tableName, 'digest', {
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
  publicBaseUrl: config.publicBaseUrl,
  unsubscribeMailto: config.mail.unsubscribeMailto,
  windowDays: config.windowDays,
  logger: observability.logger,
};

/** SQS batch of users whose digest is due; failures go back to the queue (partial batch response). */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(observability.middlewares())
  .use(linkSecretMiddleware(config.linkSecret, { capture: observability.traced }))
  .handler(async (event, context) => {
    const links = async () => ({ secret: linkSecretIn(context) });
    const outcome = await sendDigestBatch({ ...deps, links }, event.Records, new Date());
    metrics.count('DigestsSent', outcome.outcomes.filter(({ outcome }) => outcome === 'sent').length);
    metrics.count(
      'MailsSuppressed',
      outcome.outcomes.filter(({ outcome }) => outcome === 'suppressed').length,
    );
    const response = await batchResponseWithDeferrals(sqs, event.Records, outcome, new Date());
    metrics.count('MailsDeferred', response.deferred);
    return { batchItemFailures: response.batchItemFailures };
  });
