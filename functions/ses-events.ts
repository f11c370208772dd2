import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { loadCommonConfig } from '#shared/config/env.ts';
import { handleSesEvents } from '#shared/mail/handle-ses-events.ts';
import { createObservability } from '#shared/observability/observability.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createSuppressionList } from '#shared/store/suppression-list.ts';

const config = loadCommonConfig();
const observability = createObservability({ service: 'ses-events', logLevel: config.logLevel });
const suppression = createSuppressionList(observability.traced(createDocumentClient()), config.tableName);

/** SNS (SES configuration set events): suppress addresses that bounce hard or complain. */
export const handler = middy<SNSEvent, void>()
  .use(observability.middlewares())
  .handler(async (event) => {
    const result = await handleSesEvents(
      { suppression, logger: observability.logger },
      event.Records.map((record) => ({ id: record.Sns.MessageId, body: record.Sns.Message })),
      new Date(),
    );
    observability.metrics.count('AddressesSuppressed', result.suppressed.length);
  });
