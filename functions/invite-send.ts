import { SESv2Client } from '@aws-sdk/client-sesv2';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { InviteLedgerDetail } from '#shared/calendar/reconcile-invite.ts';
import { sendInviteUpdates } from '#shared/calendar/send-invite-updates.ts';
import { loadMailConfig } from '#shared/config/digest-config.ts';
import { getStringFromEnv } from '#shared/config/env.ts';
import { parseLogLevel } from '#shared/config/ingest-config.ts';
import { createLogger } from '#shared/log/logger.ts';
import { createSesMailer } from '#shared/mail/mailer.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createEventStore } from '#shared/store/event-store.ts';
import { createSavedEventStore } from '#shared/store/saved-event-store.ts';
import { createSendLedger } from '#shared/store/send-ledger.ts';
import { createSuppressionList } from '#shared/store/suppression-list.ts';
import { createUserRepository } from '#shared/store/user-repository.ts';

const tableName = getStringFromEnv('TABLE_NAME');
const mail = loadMailConfig();
const logger = createLogger({
  level: parseLogLevel(process.env.LOG_LEVEL ?? null),
  fields: { function: 'invite-send' },
});
const client = createDocumentClient();
const deps = {
  users: createUserRepository(client, tableName),
  events: createEventStore(client, tableName),
  savedEvents: createSavedEventStore(client, tableName),
  ledger: createSendLedger<InviteLedgerDetail>(client, tableName, 'invite'),
  suppression: createSuppressionList(client, tableName),
  mailer: createSesMailer(new SESv2Client({}), { configurationSet: mail.configurationSet }),
  identity: { from: mail.from, replyTo: mail.replyTo, messageIdDomain: mail.messageIdDomain },
  logger,
};

/** SQS batch of saved events that changed at their source: attendees get updates or cancellations. */
export const handler = middy<SQSEvent, SQSBatchResponse>().handler(async (event) => {
  const outcome = await sendInviteUpdates(deps, event.Records, new Date());
  return { batchItemFailures: outcome.failedMessageIds.map((itemIdentifier) => ({ itemIdentifier })) };
});
