import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { loadCommonConfig } from '#shared/config/env.ts';
import { handleSesEvents } from '#shared/mail/handle-ses-events.ts';
import { createObservability } from '#shared/observability/observability.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createLedgerEvidence } from '#shared/store/ledger-evidence.ts';
import { createSuppressionList } from '#shared/store/suppression-list.ts';

const config = loadCommonConfig();
const observability = createObservability({ service: 'ses-events', logLevel: config.logLevel });
const client = observability.traced(createDocumentClient());
const suppression = createSuppressionList(client, config.tableName);
const ledger = createLedgerEvidence(client, config.tableName);

/**
 * SNS (SES configuration set events): suppress addresses that bounce hard or complain; Send / Delivery
 * events complete the send ledger of tagged mails.
 */
export const handler = middy<SNSEvent, void>()
  .use(observability.middlewares())
  .handler(async (event) => {
    const result = await handleSesEvents(
      { suppression, ledger, logger: observability.logger },
      event.Records.map((record) => ({ id: record.Sns.MessageId, body: record.Sns.Message })),
      new Date(),
    );
    observability.metrics.count('AddressesSuppressed', result.suppressed.length);
    observability.metrics.count('LedgerCompletedBySes', result.ledgerMarked);
  });
