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

export interface DigestsProps {
  readonly table: ITable;
  readonly mail: Mail;
  readonly linkSecret: ISecret;
  /** What links in digests start with, no trailing slash (the public domain, or the HTTP API's URL). */
  readonly publicBaseUrl: string;
  /** The mailbox `List-Unsubscribe: <mailto:…>` names. */
  readonly unsubscribeMailto: string;
  readonly alarms: AlarmTopic;
  readonly functionDefaults: FunctionDefaults;
}

/**
 * Readers choose a local day and hour; every 15 minutes the dispatcher queues those whose hour has come, so
 * zones at :30 and :45 (Kolkata, Kathmandu, Chatham) get theirs in the quarter hour it falls in.
 */
const digestSchedule = Schedule.cron({ minute: '0/15' });

/**
 * How many digest-send invocations may run at once. The send rate itself is shared through the table
 * (shared/mail/bulk-mailer.ts: all bulk senders together at most 70 % of SES's rate); this only bounds how many
 * wait for it. This is the event source's maximum concurrency, not reserved concurrency:
 * with reserved concurrency the SQS poller's surplus invocations fail as throttles, which count as receives and
 * push good messages to the dead-letter queue after three; maximum concurrency only stops polling. 2 is the
 * lowest SQS allows.
 */
const maxConcurrentSenders = 2;

/**
 * The weekly digest: every 15 minutes `digest-dispatch` finds the readers whose chosen local day and hour has come and
 * queues one message per reader (keeping a progress marker so a retried run resumes rather than repeats);
 * `digest-send` builds and sends each digest through SES, with signed one-click links.
 */
export class Digests extends Construct {
  readonly dispatch: FunctionWithLogGroup;
  readonly send: FunctionWithLogGroup;
  readonly work: WorkQueue;
  readonly schedule: Rule;

  constructor(scope: Construct, id: string, props: DigestsProps) {
    super(scope, id);
    const { table, mail, linkSecret, alarms, functionDefaults } = props;

    this.send = new FunctionWithLogGroup(this, 'Send', {
      ...functionDefaults,
      name: 'digest-send',
      description: 'Builds and sends the queued weekly digests through SES, once per reader and week',
      environment: { ...functionDefaults.environment, ...batchWorkerEnvironment },
      memorySize: 512,
      timeout: Duration.seconds(300),
    });
    bindTable({ fn: this.send, table, accessMode: 'readWrite' });
    bindLinkSecret({ fn: this.send, secret: linkSecret });
    this.send.addEnvironment('PUBLIC_BASE_URL', props.publicBaseUrl);
    this.send.addEnvironment('MESSAGE_ID_DOMAIN', mail.fromDomain);
    this.send.addEnvironment('UNSUBSCRIBE_MAILTO', props.unsubscribeMailto);

    this.work = new WorkQueue(this, 'Work', {
      consumer: this.send,
      // One message per reader: up to 100 digests an invocation, gathered for up to 10 s so an hour's burst is
      // drained by a few invocations rather than one per message.
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(10),
      maxConcurrency: maxConcurrentSenders,
      alarms,
    });
    mail.grantBulkSend(this.send, this.work.queue);

    this.dispatch = new FunctionWithLogGroup(this, 'Dispatch', {
      ...functionDefaults,
      name: 'digest-dispatch',
      description: 'Queues one digest per reader whose local send hour has come',
      // Also reads the event window once per run into the snapshot its send batches read (20,000 events).
      memorySize: 512,
      // A slot of 100,000 readers is queued in well under a minute; the cursor carries a longer one on.
      timeout: Duration.seconds(300),
    });
    bindTable({ fn: this.dispatch, table, accessMode: 'readWrite' });
    bindQueueSender({ fn: this.dispatch, queue: this.work.queue, urlVariable: 'DIGEST_QUEUE_URL' });

    this.schedule = new Rule(this, 'Schedule', {
      description: 'Dispatches weekly digests every 15 minutes',
      schedule: digestSchedule,
      targets: [new LambdaFunction(this.dispatch, { retryAttempts: 2 })],
    });

    alarms.watchErrors(this.dispatch);
    alarms.watchErrors(this.send);
  }
}
