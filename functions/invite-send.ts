import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { InviteLedgerDetail } from '#shared/calendar/reconcile-invite.ts';
import { sendInviteUpdates } from '#shared/calendar/send-invite-updates.ts';
import { loadInviteSendConfig } from '#shared/config/calendar-config.ts';
import { createSesMailer } from '#shared/mail/mailer.ts';
import { createSesClient } from '#shared/mail/ses-client.ts';
import { createObservability } from '#shared/observability/observability.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createEventStore } from '#shared/store/event-store.ts';
import { createSavedEventStore } from '#shared/store/saved-event-store.ts';
import { createSendLedger, defaultSendEventWaitMs } from '#shared/store/send-ledger.ts';
import { createSuppressionList } from '#shared/store/suppression-list.ts';
import { createUserRepository } from '#shared/store/user-repository.ts';

const config = loadInviteSendConfig();
const { tableName, mail } = config;
const observability = createObservability({ service: 'invite-send', logLevel: config.logLevel });
const { metrics } = observability;
const client = observability.traced(createDocumentClient());
const deps = {
  users: createUserRepository(client, tableName),
  events: createEventStore(client, tableName),
  savedEvents: createSavedEventStore(client, tableName),
  // SES publishes Send events to ses-events wherever a configuration set is used (infra/constructs/mail.ts).
  ledger: createSendLedger<InviteLedgerDetail>(client, tableName, 'invite', {
    resendUnconfirmedAfterMs: mail.configurationSet ? defaultSendEventWaitMs : null,
  }),
  suppression: createSuppressionList(client, tableName),
  mailer: createSesMailer(observability.traced(createSesClient()), {
    configurationSet: mail.configurationSet,
  }),
  identity: { from: mail.from, replyTo: mail.replyTo, messageIdDomain: mail.messageIdDomain },
  logger: observability.logger,
};

/** SQS batch of saved events that changed at their source: attendees get updates or cancellations. */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(observability.middlewares())
  .handler(async (event) => {
    const outcome = await sendInviteUpdates(deps, event.Records, new Date());
    metrics.count(
      'InvitationsSent',
      outcome.outcomes.filter(({ outcome }) => outcome.startsWith('sent-')).length,
    );
    metrics.count(
      'MailsSuppressed',
      outcome.outcomes.filter(({ outcome }) => outcome === 'suppressed').length,
    );
    return { batchItemFailures: outcome.failedMessageIds.map((itemIdentifier) => ({ itemIdentifier })) };
  });
