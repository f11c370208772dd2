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
import { adminEmailsFromEnv } from '#shared/auth/admin-emails.ts';
import { type CalendarUrls, calendarUrlsFor } from '#shared/calendar/calendar-subscription.ts';
import type { LocalSettings } from '#shared/config/local-settings.ts';
import { localDate } from '#shared/contacts/next-due-date.ts';
import { isoWeekAt } from '#shared/digest/digest-schedule.ts';
import { seedDemoContacts } from '#shared/local/demo-contacts.ts';
import { startDemoFeedServer } from '#shared/local/demo-feed-server.ts';
import { demoSources } from '#shared/local/demo-sources.ts';
import { demoDigestRecipient, demoUsers } from '#shared/local/demo-users.ts';
import { startDynamoLocal } from '#shared/local/dynamodb-local-server.ts';
import { type HttpApiHandler, startLocalHttpApi } from '#shared/local/http-api-adapter.ts';
import { type LambdaHandler, localLambdaContext } from '#shared/local/lambda-context.ts';
import { createLocalQueue, type LocalQueue } from '#shared/local/local-queue.ts';
import { startLocalSqs } from '#shared/local/local-sqs-server.ts';
import { startLocalSes } from '#shared/local/ses-local.ts';
import type { Logger } from '#shared/log/logger.ts';
import type { DigestMessage } from '#shared/queue/digest-message.ts';
import type { ReminderMessage } from '#shared/queue/reminder-message.ts';
import { calendarTokenKey } from '#shared/security/calendar-token.ts';
import { buildSource } from '#shared/sources/new-source.ts';
import { createCalendarStore } from '#shared/store/calendar-store.ts';
import { createContactDependencies } from '#shared/store/contact-dependencies.ts';
import { createTableIfMissing } from '#shared/store/create-table.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createSourceRepository } from '#shared/store/source-repository.ts';
import { createUserRepository } from '#shared/store/user-repository.ts';
import { registerUser } from '#shared/users/register-user.ts';
import { readDevState, removeDevState, writeDevState } from './dev-state.ts';
import { localLinkSecret } from './link-secret-file.ts';

export class DevAlreadyRunningError extends Error {
  override readonly name = 'DevAlreadyRunningError';
}

export interface RunningDev {
  readonly apiUrl: string;
  readonly sesUrl: string;
  readonly feedsBaseUrl: string;
  readonly dynamoEndpoint: string;
  /** Who has the admin role (sources) once signed in: ADMIN_EMAILS, else `localAdminEmail`. */
  readonly adminEmails: readonly string[];
  /** Fire the ingest schedule now and wait until the queue is empty. */
  ingestNow(): Promise<void>;
  /** Fire the hourly digest schedule now and wait until every queued digest is handled. */
  dispatchDigestsNow(): Promise<void>;
  /** Queue one user's digest for this week (as `trellis digest --user` does) and wait for it. */
  sendDigestNow(email: string): Promise<void>;
  /** Fire the hourly reminder schedule now and wait until every queued reminder is handled. */
  dispatchRemindersNow(): Promise<void>;
  /** Queue one user's reminder for today (as `trellis reminders --user` does) and wait for it. */
  sendReminderNow(email: string): Promise<void>;
  /** A user's secret calendar feed URLs (created on first use). */
  calendarUrlsFor(email: string): Promise<CalendarUrls>;
  stop(): Promise<void>;
}

export const localMailFrom = 'Trellis <digest@trellis.local>';
/** The admin locally unless ADMIN_EMAILS names others: signing in with it (any address works locally) gives the admin role. */
export const localAdminEmail = 'admin@example.org';

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

/** A handler that is loaded later (functions read their configuration at import, after the stand-ins start). */
function lateBound<E, R>(name: string) {
  let bound: LambdaHandler<E, R> | null = null;
  return {
    bind: (handler: LambdaHandler<E, R>) => {
      bound = handler;
    },
    call: ((event, context) => {
      if (!bound) throw new Error(`${name} is not loaded yet`);
      return bound(event, context);
    }) as LambdaHandler<E, R>,
  };
}

/**
 * The whole service on one machine: DynamoDB Local, SES local, a local SQS endpoint with in-process event
 * source mappings, the HTTP API, the demo feeds and a clock for the schedules, all driving the very
 * Lambda handlers that run on AWS.
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
    const dynamo = await startDynamoLocal({
      host,
      port: settings.dynamoPort,
      path: join(settings.dataDir, 'dynamodb-local'),
    });
    stops.push(() => dynamo.stop());
    const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
    const raw = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials });
    const firstStart = await createTableIfMissing(raw, settings.tableName);
    raw.destroy();

    const ses = await startLocalSes({ host, port: settings.sesPort });
    stops.push(() => ses.stop());
    const feeds = await startDemoFeedServer({
      host,
      port: settings.feedsPort,
      overrideDirectory: join(settings.dataDir, 'demo-feeds'),
    });
    stops.push(() => feeds.stop());

    const ingestFeed = lateBound<SQSEvent, SQSBatchResponse>('ingest-feed');
    const digestSend = lateBound<SQSEvent, SQSBatchResponse>('digest-send');
    const inviteSend = lateBound<SQSEvent, SQSBatchResponse>('invite-send');
    const reminderSend = lateBound<SQSEvent, SQSBatchResponse>('reminder-send');
    const api = lateBound<APIGatewayProxyEventV2, APIGatewayProxyResultV2>('api');
    const calendarFeed = lateBound<APIGatewayProxyEventV2, APIGatewayProxyResultV2>('calendar-feed');
    const queue = (
      name: string,
      consumerName: string,
      consumer: LambdaHandler<SQSEvent, SQSBatchResponse>,
      batchSize: number,
    ): LocalQueue => {
      const created = createLocalQueue({
        name,
        consumerName,
        consumer,
        batchSize,
        visibilityTimeoutMs: 10_000,
        maxReceiveCount: 3,
        logger,
      });
      stops.push(() => created.stop());
      return created;
    };
    const ingestQueue = queue('trellis-ingest', 'ingest-feed', ingestFeed.call, 1);
    const digestQueue = queue('trellis-digest', 'digest-send', digestSend.call, 100);
    const inviteQueue = queue('trellis-invite', 'invite-send', inviteSend.call, 10);
    const reminderQueue = queue('trellis-reminder', 'reminder-send', reminderSend.call, 25);
    const sqs = await startLocalSqs([ingestQueue, digestQueue, inviteQueue, reminderQueue], { host });
    stops.push(() => sqs.stop());
    const httpApi = await startLocalHttpApi(
      [
        // As the HTTP API's `GET|HEAD /cal/{token}` routes: the feed has a function of its own.
        { pathPrefix: '/cal/', functionName: 'calendar-feed', handler: calendarFeed.call as HttpApiHandler },
        { pathPrefix: '/', functionName: 'api', handler: api.call as HttpApiHandler },
      ],
      { host, port: settings.apiPort, logger },
    );
    stops.push(() => httpApi.stop());

    // The handlers read their configuration at import, exactly as in Lambda; point the SDK at the stand-ins.
    Object.assign(process.env, {
      TABLE_NAME: settings.tableName,
      INGEST_QUEUE_URL: sqs.queueUrl('trellis-ingest'),
      DIGEST_QUEUE_URL: sqs.queueUrl('trellis-digest'),
      INVITE_QUEUE_URL: sqs.queueUrl('trellis-invite'),
      REMINDER_QUEUE_URL: sqs.queueUrl('trellis-reminder'),
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_SQS: sqs.endpoint,
      AWS_ENDPOINT_URL_SES: ses.endpoint,
      AWS_ENDPOINT_URL_SESV2: ses.endpoint,
      TRELLIS_FEED_LOOPBACK: settings.allowLoopbackFeeds ? 'allow' : String(feeds.port),
      MAIL_FROM: localMailFrom,
      PUBLIC_BASE_URL: httpApi.url,
      LINK_SECRET: await localLinkSecret(settings.dataDir),
      ADMIN_EMAILS: process.env.ADMIN_EMAILS?.trim() || localAdminEmail,
      LOG_LEVEL: settings.logLevel,
    });
    const adminEmails = [...adminEmailsFromEnv()];
    const ingestDispatch: LambdaHandler<ScheduledEvent, unknown> = (
      await import('../../functions/ingest-dispatch.ts')
    ).handler;
    const digestDispatch: LambdaHandler<ScheduledEvent, unknown> = (
      await import('../../functions/digest-dispatch.ts')
    ).handler;
    ingestFeed.bind((await import('../../functions/ingest-feed.ts')).handler);
    digestSend.bind((await import('../../functions/digest-send.ts')).handler);
    api.bind((await import('../../functions/api.ts')).handler);
    inviteSend.bind((await import('../../functions/invite-send.ts')).handler);
    reminderSend.bind((await import('../../functions/reminder-send.ts')).handler);
    const reminderDispatch: LambdaHandler<ScheduledEvent, unknown> = (
      await import('../../functions/reminder-dispatch.ts')
    ).handler;
    calendarFeed.bind((await import('../../functions/calendar-feed.ts')).handler);

    const client = createDocumentClient({ endpoint: dynamo.endpoint });
    stops.push(() => client.destroy());
    const users = createUserRepository(client, settings.tableName);
    if (firstStart) {
      const repository = createSourceRepository(client, settings.tableName);
      for (const demo of demoSources) {
        const { file, contentType: _type, ...source } = demo;
        await repository.create(
          buildSource(
            { ...source, url: feeds.urlFor(file), defaultTags: [...source.defaultTags] },
            new Date(),
          ),
        );
      }
      let contactCount = 0;
      for (const demo of demoUsers) {
        const profile = await registerUser({ users }, demo, new Date());
        if (profile.email === demoDigestRecipient)
          contactCount += await seedDemoContacts(
            createContactDependencies(client, settings.tableName),
            profile,
            new Date(),
          );
      }
      logger.info('seeded demo sources, users and contacts', {
        sources: demoSources.length,
        users: demoUsers.length,
        contacts: contactCount,
      });
    }

    const ingestNow = async () => {
      await ingestDispatch(scheduledEvent('trellis-ingest-schedule'), localLambdaContext('ingest-dispatch'));
      await ingestQueue.drain();
      // Changes to saved events that this ingest found go out as invitation updates.
      await inviteQueue.drain();
    };
    const dispatchDigestsNow = async () => {
      await digestDispatch(scheduledEvent('trellis-digest-schedule'), localLambdaContext('digest-dispatch'));
      await digestQueue.drain();
    };
    const dispatchRemindersNow = async () => {
      await reminderDispatch(
        scheduledEvent('trellis-reminder-schedule'),
        localLambdaContext('reminder-dispatch'),
      );
      await reminderQueue.drain();
    };
    const sendReminderNow = async (email: string) => {
      const profile = await users.getByEmail(email);
      if (!profile) throw new Error(`no user ${email}`);
      const now = new Date();
      const message: ReminderMessage = {
        userId: profile.id,
        localDate: localDate(now, profile.timeZone),
        dueAt: now.toISOString(),
      };
      reminderQueue.send(JSON.stringify(message));
      await reminderQueue.drain();
    };
    const sendDigestNow = async (email: string) => {
      const profile = await users.getByEmail(email);
      if (!profile) throw new Error(`no user ${email}`);
      const now = new Date();
      const message: DigestMessage = {
        userId: profile.id,
        isoWeek: isoWeekAt(now.getTime(), profile.timeZone),
        dueAt: now.toISOString(),
      };
      digestQueue.send(JSON.stringify(message));
      await digestQueue.drain();
    };
    const linkSecret = Buffer.from(await localLinkSecret(settings.dataDir), 'utf8');
    const calendarUrlsForEmail = async (email: string) => {
      const profile = await users.getByEmail(email);
      if (!profile) throw new Error(`no user ${email}`);
      return calendarUrlsFor(
        {
          calendars: createCalendarStore(client, settings.tableName),
          tokenKey: async () => calendarTokenKey(linkSecret),
          publicBaseUrl: httpApi.url,
        },
        profile.id,
        new Date(),
      );
    };
    const clocks = [
      setInterval(
        () => ingestNow().catch((error: unknown) => logger.error('scheduled ingest failed', { error })),
        settings.ingestEveryMinutes * 60_000,
      ),
      // Like the hourly EventBridge rule; a run finds nothing new until the next hour boundary.
      setInterval(
        () =>
          dispatchDigestsNow().catch((error: unknown) =>
            logger.error('scheduled digest dispatch failed', { error }),
          ),
        5 * 60_000,
      ),
      setInterval(
        () =>
          dispatchRemindersNow().catch((error: unknown) =>
            logger.error('scheduled reminder dispatch failed', { error }),
          ),
        5 * 60_000,
      ),
    ];
    stops.push(() => {
      for (const clock of clocks) clearInterval(clock);
    });

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
      adminEmails,
      ingestNow,
      dispatchDigestsNow,
      sendDigestNow,
      dispatchRemindersNow,
      sendReminderNow,
      calendarUrlsFor: calendarUrlsForEmail,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
