import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2,
  ScheduledEvent,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';
import type { LocalSettings } from '#shared/config/local-settings.ts';
import { startDemoFeedServer } from '#shared/local/demo-feed-server.ts';
import { demoSources } from '#shared/local/demo-sources.ts';
import { startDynalite } from '#shared/local/dynalite-server.ts';
import { startLocalHttpApi } from '#shared/local/http-api-adapter.ts';
import { type LambdaHandler, localLambdaContext } from '#shared/local/lambda-context.ts';
import { createLocalQueue } from '#shared/local/local-queue.ts';
import { startLocalSqs } from '#shared/local/local-sqs-server.ts';
import { startLocalSes } from '#shared/local/ses-local.ts';
import type { Logger } from '#shared/log/logger.ts';
import { buildSource } from '#shared/sources/new-source.ts';
import { createTableIfMissing } from '#shared/store/create-table.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createSourceRepository } from '#shared/store/source-repository.ts';
import { readDevState, removeDevState, writeDevState } from './dev-state.ts';

export class DevAlreadyRunningError extends Error {
  override readonly name = 'DevAlreadyRunningError';
}

export interface RunningDev {
  readonly apiUrl: string;
  readonly sesUrl: string;
  readonly feedsBaseUrl: string;
  readonly dynamoEndpoint: string;
  /** Fire the ingest schedule now and wait until the queue is empty. */
  ingestNow(): Promise<void>;
  stop(): Promise<void>;
}

function scheduledEvent(ruleName: string): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'us-east-1',
    resources: [`arn:aws:events:us-east-1:000000000000:rule/${ruleName}`],
    detail: {},
  };
}

/**
 * The whole service on one machine: dynalite, SES local, a local SQS endpoint with an in-process
 * event source mapping, the HTTP API, the demo feeds and a clock for the schedules — all driving the
 * very Lambda handlers that run on AWS.
 */
export async function startDev(settings: LocalSettings, logger: Logger): Promise<RunningDev> {
  await mkdir(settings.dataDir, { recursive: true });
  const running = await readDevState(settings.dataDir);
  if (running) {
    throw new DevAlreadyRunningError(
      `trellis dev is already running (pid ${running.pid}, ${running.apiUrl}); stop it first, or set TRELLIS_DATA_DIR to use another data folder`,
    );
  }
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step();
    stops.length = 0;
  };
  try {
    const host = settings.host;
    const dynamo = await startDynalite({
      host,
      port: settings.dynamoPort,
      path: join(settings.dataDir, 'dynamo'),
    });
    stops.push(() => dynamo.stop());
    const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
    const raw = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials });
    const firstStart = await createTableIfMissing(raw, settings.tableName);
    raw.destroy();

    const ses = await startLocalSes({ host, port: settings.sesPort });
    stops.push(() => ses.stop());
    const feeds = await startDemoFeedServer({ host, port: settings.feedsPort });
    stops.push(() => feeds.stop());

    let ingestFeed: LambdaHandler<SQSEvent, SQSBatchResponse> | null = null;
    const ingestQueue = createLocalQueue({
      name: 'trellis-ingest',
      consumerName: 'ingest-feed',
      consumer: (event, context) => {
        if (!ingestFeed) throw new Error('ingest-feed is not loaded yet');
        return ingestFeed(event, context);
      },
      batchSize: 5,
      visibilityTimeoutMs: 10_000,
      maxReceiveCount: 3,
      logger,
    });
    stops.push(() => ingestQueue.stop());
    const sqs = await startLocalSqs([ingestQueue], { host });
    stops.push(() => sqs.stop());

    // The handlers read their configuration at import, exactly as in Lambda; point the SDK at the stand-ins.
    Object.assign(process.env, {
      TABLE_NAME: settings.tableName,
      INGEST_QUEUE_URL: sqs.queueUrl('trellis-ingest'),
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_SQS: sqs.endpoint,
      AWS_ENDPOINT_URL_SES: ses.endpoint,
      AWS_ENDPOINT_URL_SESV2: ses.endpoint,
      TRELLIS_FEED_LOOPBACK: settings.allowLoopbackFeeds ? 'allow' : String(feeds.port),
      LOG_LEVEL: settings.logLevel,
    });
    const dispatch: LambdaHandler<ScheduledEvent, unknown> = (
      await import('../../functions/ingest-dispatch.ts')
    ).handler;
    ingestFeed = (await import('../../functions/ingest-feed.ts')).handler;
    const api: LambdaHandler<APIGatewayProxyEventV2, APIGatewayProxyResultV2> = (
      await import('../../functions/api.ts')
    ).handler;

    const httpApi = await startLocalHttpApi([{ pathPrefix: '/', functionName: 'api', handler: api }], {
      host,
      port: settings.apiPort,
      logger,
    });
    stops.push(() => httpApi.stop());

    const client = createDocumentClient({ endpoint: dynamo.endpoint });
    stops.push(() => client.destroy());
    if (firstStart) {
      const repository = createSourceRepository(client, settings.tableName);
      for (const demo of demoSources) {
        await repository.create(
          buildSource(
            {
              url: feeds.urlFor(demo.file),
              kind: demo.kind,
              organization: demo.organization,
              defaultTags: [...demo.defaultTags],
              timeZone: demo.timeZone,
            },
            new Date(),
          ),
        );
      }
      logger.info('seeded demo sources', { count: demoSources.length });
    }

    const ingestNow = async () => {
      await dispatch(scheduledEvent('trellis-ingest-schedule'), localLambdaContext('ingest-dispatch'));
      await ingestQueue.drain();
    };
    const clock = setInterval(() => {
      ingestNow().catch((error: unknown) => logger.error('scheduled ingest failed', { error }));
    }, settings.ingestEveryMinutes * 60_000);
    stops.push(() => clearInterval(clock));

    await writeDevState(settings.dataDir, {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      dynamoEndpoint: dynamo.endpoint,
      sesEndpoint: ses.endpoint,
      apiUrl: httpApi.url,
      feedsBaseUrl: feeds.baseUrl,
      feedsPort: feeds.port,
    });
    stops.push(() => removeDevState(settings.dataDir));
    return {
      apiUrl: httpApi.url,
      sesUrl: ses.endpoint,
      feedsBaseUrl: feeds.baseUrl,
      dynamoEndpoint: dynamo.endpoint,
      ingestNow,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
