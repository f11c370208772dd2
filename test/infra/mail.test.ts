import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observabilityEnvironment } from '../../infra/constructs/function-with-log-group.ts';
import { allowedActions, resourcesOf, type Statement, statementsOf } from './iam-statements.ts';
import { loadTrellis, logicalIdOf, type SynthesizedTrellis } from './synth-trellis.ts';

describe('mail through SES', () => {
  let trellis: SynthesizedTrellis;
  let ids: {
    configurationSet: string;
    topic: string;
    key: string;
    events: string;
    failedEvents: string;
    alarms: string;
  };
  let events: Statement[];

  beforeAll(() => {
    trellis = loadTrellis();
    const { mail, alarms } = trellis.stacks.service;
    ids = {
      configurationSet: logicalIdOf(mail.configurationSet),
      topic: logicalIdOf(mail.eventsTopic),
      key: logicalIdOf(mail.eventsKey),
      events: logicalIdOf(mail.events),
      failedEvents: logicalIdOf(mail.failedEvents),
      alarms: logicalIdOf(alarms.topic),
    };
    if (mail.events.role === undefined) throw new Error('ses-events has no role');
    events = statementsOf(trellis.service, logicalIdOf(mail.events.role));
  });
  afterAll(() => trellis?.dispose());

  const thisAccount = { Ref: 'AWS::AccountId' };
  /** An ARN built by `Stack.formatArn` in a stack whose region is known (partition literals on, as in cdk.json). */
  const arnOf = (service: string, resource: string) => ({
    'Fn::Join': ['', [`arn:aws:${service}:eu-west-1:`, thisAccount, resource]],
  });

  it('creates one configuration set that requires TLS, keeps reputation metrics and suppresses bounces and complaints', () => {
    trellis.service.resourceCountIs('AWS::SES::ConfigurationSet', 1);
    expect(
      trellis.service.findResources('AWS::SES::ConfigurationSet')[ids.configurationSet]?.Properties,
    ).toEqual({
      Name: 'trellis-dev-service-mail',
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
  });

  it('creates no SES identity: the sender domain is verified by DNS outside CDK', () => {
    trellis.service.resourceCountIs('AWS::SES::EmailIdentity', 0);
  });

  it('publishes sends, bounces, complaints, deliveries and rejects of that configuration set to the events topic', () => {
    const destinations = Object.values(
      trellis.service.findResources('AWS::SES::ConfigurationSetEventDestination'),
    );
    expect(destinations.map((destination) => destination.Properties)).toEqual([
      {
        ConfigurationSetName: { Ref: ids.configurationSet },
        EventDestination: {
          Enabled: true,
          MatchingEventTypes: ['send', 'bounce', 'complaint', 'delivery', 'reject'],
          SnsDestination: { TopicARN: { Ref: ids.topic } },
        },
      },
    ]);
  });

  it('encrypts the events topic with a rotating key SES may use for that topic only, on behalf of this account', () => {
    trellis.service.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'trellis-dev-service-mail-events',
      KmsMasterKeyId: { 'Fn::GetAtt': [ids.key, 'Arn'] },
    });
    const key = trellis.service.findResources('AWS::KMS::Key')[ids.key]?.Properties;
    expect(key.EnableKeyRotation).toBe(true);
    const forSes = (key.KeyPolicy.Statement as { Principal: unknown }[]).filter(
      (statement) => JSON.stringify(statement.Principal) === JSON.stringify({ Service: 'ses.amazonaws.com' }),
    );
    expect(forSes).toEqual([
      {
        Sid: 'AllowSesToPublishToTheEventsTopic',
        Effect: 'Allow',
        Principal: { Service: 'ses.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
        Condition: {
          StringEquals: {
            'aws:SourceAccount': thisAccount,
            'kms:EncryptionContext:aws:sns:topicArn': arnOf('sns', ':trellis-dev-service-mail-events'),
          },
        },
      },
    ]);
  });

  it('lets only TLS publishers and this configuration set of this account publish to the events topic', () => {
    const policies = Object.values(trellis.service.findResources('AWS::SNS::TopicPolicy')).filter(
      (policy) => JSON.stringify(policy.Properties.Topics) === JSON.stringify([{ Ref: ids.topic }]),
    );
    expect(policies.map((policy) => policy.Properties.PolicyDocument.Statement)).toEqual([
      [
        expect.objectContaining({
          Effect: 'Deny',
          Principal: '*',
          Action: 'sns:Publish',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'ses.amazonaws.com' },
          Action: 'sns:Publish',
          Condition: {
            StringEquals: {
              'AWS:SourceAccount': thisAccount,
              'AWS:SourceArn': {
                'Fn::Join': [
                  '',
                  [
                    'arn:',
                    { Ref: 'AWS::Partition' },
                    ':ses:eu-west-1:',
                    thisAccount,
                    ':configuration-set/',
                    { Ref: ids.configurationSet },
                  ],
                ],
              },
            },
          },
        }),
      ],
    ]);
  });

  it('subscribes ses-events, and only it, to the events topic', () => {
    const subscriptions = Object.values(trellis.service.findResources('AWS::SNS::Subscription')).filter(
      (subscription) =>
        JSON.stringify(subscription.Properties.TopicArn) === JSON.stringify({ Ref: ids.topic }),
    );
    expect(subscriptions.map((subscription) => subscription.Properties)).toEqual([
      { Protocol: 'lambda', Endpoint: { 'Fn::GetAtt': [ids.events, 'Arn'] }, TopicArn: { Ref: ids.topic } },
    ]);
    trellis.service.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [ids.events, 'Arn'] },
      Principal: 'sns.amazonaws.com',
      SourceArn: { Ref: ids.topic },
    });
  });

  it('sends events ses-events failed on after two retries or six hours to an encrypted queue kept 14 days', () => {
    const configs = Object.values(trellis.service.findResources('AWS::Lambda::EventInvokeConfig'));
    expect(configs.map((config) => config.Properties)).toEqual([
      {
        FunctionName: { Ref: ids.events },
        Qualifier: '$LATEST',
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: 6 * 3600,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [ids.failedEvents, 'Arn'] } } },
      },
    ]);
    expect(trellis.service.findResources('AWS::SQS::Queue')[ids.failedEvents]?.Properties).toEqual({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
  });

  it('alarms on any ses-events error and on the first failed event', () => {
    trellis.service.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: ids.events } }],
      Threshold: 1,
      AlarmActions: [{ Ref: ids.alarms }],
    });
    trellis.service.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.failedEvents, 'QueueName'] } }],
      Threshold: 1,
      AlarmActions: [{ Ref: ids.alarms }],
    });
  });

  it('alarms at 2% bounces or 0.05% complaints, well before SES reviews the account at 5% or 0.1%', () => {
    const reputation = Object.values(trellis.service.findResources('AWS::CloudWatch::Alarm'))
      .map((alarm) => alarm.Properties)
      .filter((alarm) => alarm.Namespace === 'AWS/SES' && String(alarm.MetricName).startsWith('Reputation.'));
    expect(
      reputation.map((alarm) => [
        alarm.MetricName,
        alarm.Threshold,
        alarm.Statistic,
        alarm.Period,
        alarm.Dimensions,
      ]),
    ).toEqual([
      ['Reputation.BounceRate', 0.02, 'Maximum', 3600, undefined],
      ['Reputation.ComplaintRate', 0.0005, 'Maximum', 3600, undefined],
    ]);
    for (const alarm of reputation) {
      expect(alarm).toMatchObject({
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: ids.alarms }],
      });
    }
  });

  it('tells ses-events the table and nothing else', () => {
    const fn = trellis.service.findResources('AWS::Lambda::Function')[ids.events];
    expect(fn?.Properties.Environment).toEqual({
      Variables: {
        NODE_OPTIONS: '--enable-source-maps',
        ...observabilityEnvironment('ses-events'),
        TABLE_NAME: { 'Fn::GetStackOutput': expect.objectContaining({ StackName: 'trellis-dev-data' }) },
      },
    });
  });

  it('lets ses-events write the table and its failure queue, but neither send mail nor read the link secret', () => {
    expect(allowedActions(events).filter((action) => !/^(logs|xray):/.test(action))).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:SendMessage',
    ]);
    const queueing = events.filter((statement) =>
      JSON.stringify(statement.Action).includes('sqs:SendMessage'),
    );
    expect(queueing.map(resourcesOf)).toEqual([[{ 'Fn::GetAtt': [ids.failedEvents, 'Arn'] }]]);
  });

  it('lets no function but the senders of digests, invitations and reminders (digest-send, api, invite-send, reminder-send) send mail', () => {
    const { digests, web, calendar, reminders } = trellis.stacks.service;
    const roleOf = (fn: typeof digests.send) => {
      if (fn.role === undefined) throw new Error(`${fn.node.path} has no role`);
      return [{ Ref: logicalIdOf(fn.role) }];
    };
    const senders = Object.values(trellis.service.findResources('AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy.Properties.PolicyDocument).includes('"ses:'))
      .map((policy) => policy.Properties.Roles);
    // digest-send and reminder-send twice: sending, and reading the account's send rate (GetAccount).
    expect(senders).toEqual(
      [web.api, calendar.inviteSend, digests.send, digests.send, reminders.send, reminders.send].map(roleOf),
    );
  });

  it('warns that an offline synth without -c mailFrom sends from a placeholder', () => {
    expect(trellis.warningsOf(trellis.stacks.service)).toContainEqual({
      path: '/TrellisService',
      text: expect.stringMatching(
        'No -c mailFrom given: digests, invitations and reminders are sent as digest@example.invalid',
      ),
    });
  });
});
