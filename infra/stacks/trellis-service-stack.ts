import { Annotations, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { InfraConfig } from '../config.ts';
import { AlarmTopic } from '../constructs/alarm-topic.ts';
import { bindQueueSender } from '../constructs/bindings.ts';
import { Calendar } from '../constructs/calendar.ts';
import { Digests } from '../constructs/digests.ts';
import type { FunctionDefaults } from '../constructs/function-with-log-group.ts';
import { Ingestion } from '../constructs/ingestion.ts';
import { Mail } from '../constructs/mail.ts';
import { Operations } from '../constructs/operations.ts';
import { Reminders } from '../constructs/reminders.ts';
import { Web } from '../constructs/web.ts';

export interface TrellisServiceStackProps extends StackProps {
  /** From the data stack, by reference. */
  readonly table: ITable;
  readonly linkSecret: ISecret;
  readonly config: InfraConfig;
}

/**
 * Stateless resources: functions, queues, schedules, the HTTP API, the SES configuration set, alarms. Safe to
 * delete and redeploy; each capability is one construct added here with the shared table, alarm topic and function
 * defaults.
 */
export class TrellisServiceStack extends Stack {
  readonly alarms: AlarmTopic;
  readonly ingestion: Ingestion;
  readonly web: Web;
  readonly mail: Mail;
  readonly digests: Digests;
  readonly calendar: Calendar;
  readonly reminders: Reminders;
  readonly operations: Operations;

  constructor(scope: Construct, id: string, props: TrellisServiceStackProps) {
    const { table, linkSecret, config, ...stackProps } = props;
    super(scope, id, stackProps);
    const functionDefaults: FunctionDefaults = {
      logRemovalPolicy: config.logRemovalPolicy,
      environment: config.logLevel === null ? {} : { LOG_LEVEL: config.logLevel },
    };
    this.alarms = new AlarmTopic(this, 'Alarms', { email: config.alarmEmail });
    if (config.mail.fromIsPlaceholder) {
      Annotations.of(this).addWarningV2(
        'trellis:mailFromPlaceholder',
        `No -c mailFrom given: digests, invitations and reminders are sent as ${config.mail.from}, which SES will refuse. Fine for an ` +
          'offline synth; a deploy needs -c mailFrom=<address on a domain verified in SES>.',
      );
    }
    // Built in dependency order: the api and invite-send send through Mail, the calendar feed routes through Web,
    // and ingest-feed queues invitation updates on the calendar's queue.
    this.mail = new Mail(this, 'Mail', {
      from: config.mail.from,
      replyTo: config.mail.replyTo,
      table,
      alarms: this.alarms,
      functionDefaults,
    });
    this.web = new Web(this, 'Web', {
      table,
      linkSecret,
      mail: this.mail,
      alarms: this.alarms,
      functionDefaults,
      adminEmails: config.adminEmails,
    });
    this.calendar = new Calendar(this, 'Calendar', {
      table,
      web: this.web,
      mail: this.mail,
      alarms: this.alarms,
      functionDefaults,
    });
    this.ingestion = new Ingestion(this, 'Ingestion', {
      table,
      inviteQueue: this.calendar.invites.queue,
      alarms: this.alarms,
      functionDefaults,
    });
    // An approved source is fetched at once: the api queues it on the ingest queue.
    bindQueueSender({ fn: this.web.api, queue: this.ingestion.work.queue, urlVariable: 'INGEST_QUEUE_URL' });
    // The HTTP API's endpoint has no trailing slash, like a configured publicBaseUrl.
    const publicBaseUrl = config.publicBaseUrl ?? this.web.httpApi.apiEndpoint;
    this.digests = new Digests(this, 'Digests', {
      table,
      mail: this.mail,
      linkSecret,
      publicBaseUrl,
      unsubscribeMailto: config.mail.unsubscribeMailto,
      alarms: this.alarms,
      functionDefaults,
    });
    this.reminders = new Reminders(this, 'Reminders', {
      table,
      mail: this.mail,
      linkSecret,
      publicBaseUrl,
      alarms: this.alarms,
      functionDefaults,
    });
    this.operations = new Operations(this, 'Operations', {
      alarms: this.alarms,
      alarmEmail: config.alarmEmail,
      functions: [
        this.web.api,
        this.calendar.feed,
        this.calendar.inviteSend,
        this.mail.events,
        this.ingestion.dispatch,
        this.ingestion.feed,
        this.digests.dispatch,
        this.digests.send,
        this.reminders.dispatch,
        this.reminders.send,
      ],
      queues: [
        { queue: this.ingestion.work.queue, maxAge: Duration.minutes(30) },
        { queue: this.digests.work.queue, maxAge: Duration.minutes(30) },
        { queue: this.reminders.work.queue, maxAge: Duration.minutes(30) },
        { queue: this.calendar.invites.queue, maxAge: Duration.minutes(15) },
      ],
      dispatchers: [
        { fn: this.ingestion.dispatch, every: Duration.minutes(30) },
        { fn: this.digests.dispatch, every: Duration.minutes(15) },
        { fn: this.reminders.dispatch, every: Duration.minutes(15) },
      ],
      httpApi: this.web.httpApi,
      table,
      sesDailyQuota: config.sesDailyQuota,
    });
  }
}
