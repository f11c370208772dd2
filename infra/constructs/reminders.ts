import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { batchWorkerEnvironment } from '../bundling.ts';
import type { AlarmTopic } from './alarm-topic.ts';
import { bindLinkSecret, bindQueueSender, bindTable } from './bindings.ts';
import { type FunctionDefaults, FunctionWithLogGroup } from './function-with-log-group.ts';
import type { Mail } from './mail.ts';
import { WorkQueue } from './work-queue.ts';

export interface RemindersProps {
  readonly table: ITable;
  readonly mail: Mail;
  readonly linkSecret: ISecret;
  /** What the reminders' action links start with, no trailing slash (the public domain, or the HTTP API's URL). */
  readonly publicBaseUrl: string;
  readonly alarms: AlarmTopic;
  readonly functionDefaults: FunctionDefaults;
}

/** Readers are reminded at a local hour of their zone; every 15 minutes the dispatcher queues those due (zones at :30, :45). */
const reminderSchedule = Schedule.cron({ minute: '0/15' });

/**
 * How many reminder-send invocations may run at once. Reminders share the account's SES send rate with the
 * digests and invitations, so the queue drives the fewest consumers SQS allows (as for digest-send: the event
 * source's maximum concurrency, not reserved concurrency, so surplus polls wait instead of failing into the
 * dead-letter queue).
 */
const maxConcurrentSenders = 2;

/**
 * Reconnect reminders: every 15 minutes `reminder-dispatch` reads the reminder slot of each zone whose local reminder
 * hour has come and queues one message per reader with contacts due (keeping a progress marker so a retried run
 * resumes rather than repeats); `reminder-send` mails each reader their due contacts with suggested events and
 * signed one-use "we talked", "snooze" and cadence links, whose POST `api` handles.
 */
export class Reminders extends Construct {
  readonly dispatch: FunctionWithLogGroup;
  readonly send: FunctionWithLogGroup;
  readonly work: WorkQueue;
  readonly schedule: Rule;

  constructor(scope: Construct, id: string, props: RemindersProps) {
    super(scope, id);
    const { table, mail, linkSecret, alarms, functionDefaults } = props;

    this.send = new FunctionWithLogGroup(this, 'Send', {
      ...functionDefaults,
      name: 'reminder-send',
      description: 'Mails the queued reconnect reminders through SES, once per reader and day',
      // Each batch loads the next 28 days of events to suggest from (digest-send loads 14): the same memory and
      // heap bounds as digest-send.
      environment: { ...functionDefaults.environment, ...batchWorkerEnvironment },
      memorySize: 512,
      // One message is one reader's reminder; a batch cut short by the timeout is retried and sends only what
      // the send ledger does not hold yet.
      timeout: Duration.seconds(120),
    });
    // Reads contacts, profiles and events; writes the send ledger and the contacts' reminder state.
    bindTable({ fn: this.send, table, accessMode: 'readWrite' });
    bindLinkSecret({ fn: this.send, secret: linkSecret });
    this.send.addEnvironment('PUBLIC_BASE_URL', props.publicBaseUrl);
    this.send.addEnvironment('MESSAGE_ID_DOMAIN', mail.fromDomain);

    this.work = new WorkQueue(this, 'Work', {
      consumer: this.send,
      // One message per reader; an hour's burst is gathered for up to 5 s into batches of 25.
      batchSize: 25,
      maxBatchingWindow: Duration.seconds(5),
      maxConcurrency: maxConcurrentSenders,
      alarms,
    });
    mail.grantBulkSend(this.send, this.work.queue);

    this.dispatch = new FunctionWithLogGroup(this, 'Dispatch', {
      ...functionDefaults,
      name: 'reminder-dispatch',
      description: 'Queues one reconnect reminder per reader whose local reminder hour has come',
      memorySize: 256,
      // A slot of 100,000 readers is queued in well under a minute; the cursor carries a longer one on.
      timeout: Duration.seconds(300),
    });
    // Reads the slots (Query on gsi1) and its progress marker; its one write is UpdateItem of that marker.
    bindTable({ fn: this.dispatch, table, accessMode: 'readUpdate' });
    bindQueueSender({ fn: this.dispatch, queue: this.work.queue, urlVariable: 'REMINDER_QUEUE_URL' });

    this.schedule = new Rule(this, 'Schedule', {
      description: 'Dispatches reconnect reminders every 15 minutes',
      schedule: reminderSchedule,
      targets: [new LambdaFunction(this.dispatch, { retryAttempts: 2 })],
    });

    alarms.watchErrors(this.dispatch);
    alarms.watchErrors(this.send);
  }
}
