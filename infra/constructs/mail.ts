import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { type Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Policy, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailSendingEvent,
  EventDestination,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AlarmTopic } from './alarm-topic.ts';
import { bindTable } from './bindings.ts';
import { type FunctionDefaults, FunctionWithLogGroup } from './function-with-log-group.ts';

export interface MailProps {
  /** The From address; the SES identity of its domain must exist (verified by DNS) in the deployment region. */
  readonly from: string;
  readonly replyTo: string | null;
  readonly table: ITable;
  readonly alarms: AlarmTopic;
  readonly functionDefaults: FunctionDefaults;
}

/** The SES events `ses-events` acts on: suppression on bounces and complaints, the send ledger on the rest. */
const publishedEvents = [
  // Send: SES took the mail; completes a send-ledger entry whose worker died before marking it.
  EmailSendingEvent.SEND,
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.DELIVERY,
  EmailSendingEvent.REJECT,
];

/**
 * Account-wide SES reputation (rates between 0 and 1). SES reviews an account at 5% bounces or 0.1% complaints, so
 * alarming at 2% and 0.05% leaves time to act before it does.
 */
const reputationAlarms = [
  { id: 'BounceRateAlarm', metricName: 'Reputation.BounceRate', threshold: 0.02, what: '2% bounces' },
  {
    id: 'ComplaintRateAlarm',
    metricName: 'Reputation.ComplaintRate',
    threshold: 0.0005,
    what: '0.05% complaints',
  },
] as const;

/**
 * Sending mail through SES: a configuration set (TLS required, reputation metrics, SES's own suppression list for
 * bounces and complaints) that publishes bounce, complaint, delivery and reject events to an encrypted SNS topic,
 * and `ses-events`, which records them (suppressing an address on its first hard bounce or complaint). Functions
 * that send get exactly the sender identity and this configuration set through `grantSend`.
 *
 * The sender identity is not created here: verifying it takes DNS records (DKIM, and leaving the sandbox), which
 * the operator sets up once per domain and region.
 */
export class Mail extends Construct {
  readonly from: string;
  readonly replyTo: string | null;
  /** The domain of `from`: the SES identity that authorizes sending, also the right side of Message-IDs. */
  readonly fromDomain: string;
  readonly identityArn: string;
  readonly configurationSet: ConfigurationSet;
  readonly configurationSetArn: string;
  readonly eventsKey: Key;
  readonly eventsTopic: Topic;
  readonly events: FunctionWithLogGroup;
  /** Events `ses-events` failed on after Lambda's retries (its async on-failure destination). */
  readonly failedEvents: Queue;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    const { table, alarms, functionDefaults } = props;
    const stack = Stack.of(this);
    this.from = props.from;
    this.replyTo = props.replyTo;
    this.fromDomain = props.from.slice(props.from.lastIndexOf('@') + 1).toLowerCase();
    this.identityArn = stack.formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: this.fromDomain,
    });

    // Named so an operator can find it (and pause it: `aws sesv2 put-configuration-set-sending-options`).
    const configurationSetName = `${stack.stackName}-mail`;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSetArn = stack.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: configurationSetName,
    });

    // Named, so the key policy can name the topic's ARN without a key → topic → key cycle.
    const topicName = `${stack.stackName}-mail-events`;
    const topicArn = stack.formatArn({ service: 'sns', resource: topicName });
    // A customer managed key because SES cannot publish to a topic under the AWS managed aws/sns key (its policy
    // cannot be changed). SNS keeps no messages at rest, so the key may go with the stack.
    this.eventsKey = new Key(this, 'EventsKey', {
      description: 'Encrypts the Trellis SES events topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    // SNS encrypts what SES publishes with SES's own permission on the key; the encryption context SNS passes
    // names the topic, so SES may use this key for this topic only, and only on behalf of this account.
    this.eventsKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowSesToPublishToTheEventsTopic',
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: {
          StringEquals: {
            'aws:SourceAccount': stack.account,
            'kms:EncryptionContext:aws:sns:topicArn': topicArn,
          },
        },
      }),
    );
    this.eventsTopic = new Topic(this, 'EventsTopic', {
      topicName,
      displayName: 'Trellis SES events',
      masterKey: this.eventsKey,
      enforceSSL: true,
    });
    // Also adds the topic policy letting SES publish for this configuration set of this account only.
    this.configurationSet.addEventDestination('ToEventsTopic', {
      destination: EventDestination.snsTopic(this.eventsTopic),
      events: publishedEvents,
    });

    this.events = new FunctionWithLogGroup(this, 'Events', {
      ...functionDefaults,
      name: 'ses-events',
      description:
        'Records SES bounces, complaints, deliveries and rejects; suppresses bounced or complaining addresses',
      memorySize: 256,
      timeout: Duration.seconds(30),
    });
    bindTable({ fn: this.events, table, accessMode: 'readWrite' });

    // SNS invokes Lambda asynchronously: once Lambda has accepted an event, SNS counts it delivered, so a
    // subscription dead-letter queue would only catch events SNS could not hand over at all, never a handler
    // that threw. Lambda's on-failure destination catches both a handler failing every retry and an event too
    // old to run, with the error in the record.
    this.failedEvents = new Queue(this, 'FailedEvents', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failedEvents).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself a dead-letter queue: the on-failure destination of the ses-events function, which ' +
        'cdk-nag cannot see as one. Its depth is alarmed; a dead-letter queue of its own would add nothing.',
    });
    this.events.configureAsyncInvoke({
      onFailure: new SqsDestination(this.failedEvents),
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
    });
    this.eventsTopic.addSubscription(new LambdaSubscription(this.events));

    alarms.watchErrors(this.events);
    alarms.watchDeadLetters(this.failedEvents);
    for (const reputation of reputationAlarms) this.watchReputation(alarms, reputation);
  }

  /**
   * Lets `fn` send as `from` through this configuration set and nothing else: the identity of the sender's domain
   * and the configuration set are the only resources SES authorizes a send against. Sets MAIL_FROM,
   * MAIL_REPLY_TO (when given) and SES_CONFIGURATION_SET.
   */
  grantSend(fn: LambdaFunction): void {
    fn.addEnvironment('MAIL_FROM', this.from);
    if (this.replyTo !== null) fn.addEnvironment('MAIL_REPLY_TO', this.replyTo);
    fn.addEnvironment('SES_CONFIGURATION_SET', this.configurationSet.configurationSetName);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [this.identityArn, this.configurationSetArn],
      }),
    );
  }

  /**
   * `grantSend` for a bulk sender (digests, reminders): also reads the account's send rate (SES GetAccount),
   * of which bulk mail takes at most 70 % through the shared rate counter in the table, and puts deferred
   * messages back on its own queue (a daily-quota pause) instead of failing them into the dead-letter queue.
   */
  grantBulkSend(fn: LambdaFunction, ownQueue: IQueue): void {
    this.grantSend(fn);
    ownQueue.grantSendMessages(fn);
    if (!fn.role) return;
    const policy = new Policy(fn, 'SesAccountPolicy', {
      roles: [fn.role],
      statements: [new PolicyStatement({ actions: ['ses:GetAccount'], resources: ['*'] })],
    });
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'SES GetAccount supports no resource-level permissions; this policy holds only that action.',
    });
  }

  private watchReputation(alarms: AlarmTopic, reputation: (typeof reputationAlarms)[number]): Alarm {
    const alarm = new Metric({
      namespace: 'AWS/SES',
      metricName: reputation.metricName,
      statistic: 'Maximum',
      period: Duration.hours(1),
    }).createAlarm(this, reputation.id, {
      alarmDescription:
        `The account's SES ${reputation.metricName} reached ${reputation.what}; SES reviews the account at 5% ` +
        'bounces or 0.1% complaints. Check suppression (ses-events) and the addresses being mailed.',
      threshold: reputation.threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // SES publishes these only once there has been a bounce or complaint.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarms.notify(alarm);
    return alarm;
  }
}
