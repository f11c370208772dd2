import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTrellis, logicalIdOf, type SynthesizedTrellis } from './synth-trellis.ts';

describe('feed ingestion', () => {
  let trellis: SynthesizedTrellis;
  let ids: { dispatch: string; feed: string; queue: string; deadLetters: string; topic: string; key: string };
  beforeAll(() => {
    trellis = loadTrellis();
    const { ingestion, alarms } = trellis.stacks.service;
    ids = {
      dispatch: logicalIdOf(ingestion.dispatch),
      feed: logicalIdOf(ingestion.feed),
      queue: logicalIdOf(ingestion.work.queue),
      deadLetters: logicalIdOf(ingestion.work.deadLetterQueue),
      topic: logicalIdOf(alarms.topic),
      key: logicalIdOf(alarms.key),
    };
  });
  afterAll(() => trellis?.dispose());

  it('invokes ingest-dispatch every 30 minutes, retrying a failed invocation twice', () => {
    const rules = Object.values(trellis.service.findResources('AWS::Events::Rule')).filter((rule) =>
      JSON.stringify(rule.Properties.Targets).includes(ids.dispatch),
    );
    expect(rules.map((rule) => rule.Properties)).toEqual([
      {
        Description: 'Dispatches feed ingestion every 30 minutes',
        ScheduleExpression: 'rate(30 minutes)',
        State: 'ENABLED',
        Targets: [
          {
            Arn: { 'Fn::GetAtt': [ids.dispatch, 'Arn'] },
            Id: 'Target0',
            RetryPolicy: { MaximumRetryAttempts: 2 },
          },
        ],
      },
    ]);
    trellis.service.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [ids.dispatch, 'Arn'] },
      Principal: 'events.amazonaws.com',
    });
  });

  it('queues fetches encrypted by SQS, moving a message to the dead-letter queue after 5 receives', () => {
    const queue = trellis.service.findResources('AWS::SQS::Queue')[ids.queue];
    expect(queue?.Properties).toEqual({
      SqsManagedSseEnabled: true,
      // 6 × ingest-feed's 120 s timeout (no batching window): longer than an attempt's 10-minute lease, so a
      // redelivered message finds the attempt of a crashed run expired and backs off.
      VisibilityTimeout: 720,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [ids.deadLetters, 'Arn'] }, maxReceiveCount: 5 },
    });
  });

  it('keeps dead letters 14 days, encrypted by SQS', () => {
    const deadLetters = trellis.service.findResources('AWS::SQS::Queue')[ids.deadLetters];
    expect(deadLetters?.Properties).toEqual({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
  });

  it('refuses requests without TLS on both queues', () => {
    for (const queueId of [ids.queue, ids.deadLetters]) {
      trellis.service.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: queueId }],
        PolicyDocument: {
          Statement: [
            Match.objectLike({
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: 'sqs:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ],
        },
      });
    }
  });

  it('hands ingest-feed one source at a time with partial batch responses and at most 5 in parallel', () => {
    trellis.service.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [ids.queue, 'Arn'] },
      FunctionName: { Ref: ids.feed },
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 5 },
    });
  });

  it('alarms the topic as soon as one message sits in the dead-letter queue', () => {
    trellis.service.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.deadLetters, 'QueueName'] } }],
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      EvaluationPeriods: 1,
      AlarmActions: [{ Ref: ids.topic }],
    });
  });

  it('alarms the topic on any error of either ingestion function', () => {
    for (const functionId of [ids.dispatch, ids.feed]) {
      trellis.service.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId } }],
        Statistic: 'Sum',
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Threshold: 1,
        AlarmActions: [{ Ref: ids.topic }],
      });
    }
    // Two function alarms and the dead-letter alarm above.
    const ingestionAlarms = Object.values(trellis.service.findResources('AWS::CloudWatch::Alarm')).filter(
      (alarm) =>
        // Errors and dead letters here; throttles, durations and heartbeats are Operations' (operations.test.ts).
        ['Errors', 'ApproximateNumberOfMessagesVisible'].includes(String(alarm.Properties.MetricName)) &&
        [ids.dispatch, ids.feed, ids.deadLetters].some((id) =>
          JSON.stringify(alarm.Properties.Dimensions ?? []).includes(id),
        ),
    );
    expect(ingestionAlarms).toHaveLength(3);
  });

  it('encrypts the alarm topic with a rotating key that CloudWatch may use', () => {
    trellis.service.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [ids.key, 'Arn'] },
    });
    trellis.service.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
  });

  it('lets only TLS publishers and this account’s alarms publish to the topic', () => {
    trellis.service.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: ids.topic }],
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sns:Publish',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: { ArnLike: { 'aws:SourceArn': Match.anyValue() } },
          }),
        ],
      },
    });
  });

  it('subscribes no one to alarms when no alarmEmail is given', () => {
    trellis.service.resourcePropertiesCountIs('AWS::SNS::Subscription', { TopicArn: { Ref: ids.topic } }, 0);
  });
});
