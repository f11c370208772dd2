import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { getStringFromEnv } from '#shared/config/env.ts';
import { parseLogLevel } from '#shared/config/ingest-config.ts';
import { createLogger } from '#shared/log/logger.ts';
import { handleSesEvents } from '#shared/mail/handle-ses-events.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createSuppressionList } from '#shared/store/suppression-list.ts';

const tableName = getStringFromEnv('TABLE_NAME');
const logger = createLogger({
  level: parseLogLevel(process.env.LOG_LEVEL ?? null),
  fields: { function: 'ses-events' },
});
const suppression = createSuppressionList(createDocumentClient(), tableName);

/** SNS (SES configuration set events): suppress addresses that bounce hard or complain. */
export const handler = middy<SNSEvent, void>().handler(async (event) => {
  await handleSesEvents(
    { suppression, logger },
    event.Records.map((record) => ({ id: record.Sns.MessageId, body: record.Sns.Message })),
    new Date(),
  );
});
