import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FunctionWithLogGroup,
  observabilityEnvironment,
} from '../../infra/constructs/function-with-log-group.ts';
import { actionsOf, allowedActions, resourcesOf, type Statement, statementsOf } from './iam-statements.ts';
import { loadTrellis, logicalIdOf, type SynthesizedTrellis } from './synth-trellis.ts';

describe('reconnect reminders', () => {
  let trellis: SynthesizedTrellis;
  let ids: {
    dispatch: string;
    send: string;
    queue: string;
    deadLetters: string;
    digestQueue: string;
    topic: string;
    configurationSet: string;
    httpApi: string;
  };
  let dispatch: Statement[];
  let send: Statement[];
  let digestSend: Statement[];
  const fromDataStack = { 'Fn::GetStackOutput': expect.objectContaining({ StackName: 'trellis-dev-data' }) };

  beforeAll(() => {
    trellis = loadTrellis();
    const { reminders, digests, alarms, mail, web } = trellis.stacks.service;
    ids = {
      dispatch: logicalIdOf(reminders.dispatch),
      send: logicalIdOf(reminders.send),
      queue: logicalIdOf(reminders.work.queue),
      deadLetters: logicalIdOf(reminders.work.deadLetterQueue),
      digestQueue: logicalIdOf(digests.work.queue),
      topic: logicalIdOf(alarms.topic),
      configurationSet: logicalIdOf(mail.configurationSet),
      httpApi: logicalIdOf(web.httpApi),
    };
    const statementsOfFunction = (fn: FunctionWithLogGroup) => {
      if (fn.role === undefined) throw new Error(`${fn.node.path} has no role`);
      return statementsOf(trellis.service, logicalIdOf(fn.role));
    };
    dispatch = statementsOfFunction(reminders.dispatch);
    send = statementsOfFunction(reminders.send);
    digestSend = statementsOfFunction(digests.send);
  });
  afterAll(() => trellis?.dispose());

  const variablesOf = (functionId: string): Record<string, unknown> =>
    trellis.service.findResources('AWS::Lambda::Function')[functionId]?.Properties.Environment.Variables;
  const sesStatements = (statements: Statement[]) =>
    statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('ses:')));

  it('invokes reminder-dispatch every hour at minute 0, retrying a failed invocation twice', () => {
    const rules = Object.values(trellis.service.findResources('AWS::Events::Rule')).filter((rule) =>
      JSON.stringify(rule.Properties.Targets).includes(ids.dispatch),
    );
    expect(rules.map((rule) => rule.Properties)).toEqual([
      {
        Description: 'Dispatches reconnect reminders every 15 minutes',
        ScheduleExpression: 'cron(0/15 * * * ? *)',
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

  it('queues reminders encrypted by SQS, moving a message to the dead-letter queue after 5 receives', () => {
    const queue = trellis.service.findResources('AWS::SQS::Queue')[ids.queue];
    expect(queue?.Properties).toEqual({
      SqsManagedSseEnabled: true,
      // 6 × reminder-send's 120 s timeout + the 5 s batching window.
      VisibilityTimeout: 725,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [ids.deadLetters, 'Arn'] }, maxReceiveCount: 5 },
    });
    expect(trellis.service.findResources('AWS::SQS::Queue')[ids.deadLetters]?.Properties).toEqual({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
  });

  it('hands reminder-send up to 25 messages gathered for 5 s, with partial batch responses, at most 2 at once', () => {
    const mappings = Object.values(trellis.service.findResources('AWS::Lambda::EventSourceMapping')).filter(
      (mapping) => JSON.stringify(mapping.Properties.FunctionName) === JSON.stringify({ Ref: ids.send }),
    );
    expect(mappings.map((mapping) => mapping.Properties)).toEqual([
      {
        EventSourceArn: { 'Fn::GetAtt': [ids.queue, 'Arn'] },
        FunctionName: { Ref: ids.send },
        BatchSize: 25,
        MaximumBatchingWindowInSeconds: 5,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 2 },
      },
    ]);
  });

  it('bounds reminder-send by the event source alone, with no reserved concurrency to throttle into the DLQ', () => {
    const fn = trellis.service.findResources('AWS::Lambda::Function')[ids.send];
    expect(fn?.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });

  it('tells reminder-dispatch the table and the reminder queue URL', () => {
    expect(variablesOf(ids.dispatch)).toEqual({
      NODE_OPTIONS: '--enable-source-maps',
      ...observabilityEnvironment('reminder-dispatch'),
      TABLE_NAME: fromDataStack,
      REMINDER_QUEUE_URL: { Ref: ids.queue },
    });
  });

  it('tells reminder-send the table, sender, configuration set, link secret and where links point', () => {
    expect(variablesOf(ids.send)).toEqual({
      // The batch worker's heap bounds, as digest-send's (infra/bundling.ts).
      NODE_OPTIONS: '--enable-source-maps --max-semi-space-size=4 --max-old-space-size=224',
      ...observabilityEnvironment('reminder-send'),
      TABLE_NAME: fromDataStack,
      // Offline synth without -c mailFrom: the placeholder, which no SES identity can match.
      MAIL_FROM: 'digest@example.invalid',
      SES_CONFIGURATION_SET: { Ref: ids.configurationSet },
      LINK_SECRET_ARN: fromDataStack,
      // Without -c publicBaseUrl: the HTTP API's endpoint, where api handles the links' POST.
      PUBLIC_BASE_URL: { 'Fn::GetAtt': [ids.httpApi, 'ApiEndpoint'] },
      MESSAGE_ID_DOMAIN: 'example.invalid',
    });
  });

  it('lets reminder-dispatch read the table and update items, and send to the reminder queue, and nothing else', () => {
    expect(allowedActions(dispatch).filter((action) => !/^(logs|xray):/.test(action))).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:SendMessage',
    ]);
  });

  it('lets reminder-dispatch query the named indexes (its slots are on gsi3) and update items of the table only', () => {
    const reading = dispatch.filter((statement) => actionsOf(statement).includes('dynamodb:Query'));
    expect(JSON.stringify(reading.map(resourcesOf)).match(/\/index\/[a-z0-9]+/g)).toEqual([
      '/index/gsi1',
      '/index/gsi2',
      '/index/gsi3',
    ]);
    const updating = dispatch.filter((statement) => actionsOf(statement).includes('dynamodb:UpdateItem'));
    expect(updating.map((statement) => [actionsOf(statement), resourcesOf(statement)])).toEqual([
      [['dynamodb:UpdateItem'], [fromDataStack]],
    ]);
  });

  it('lets reminder-dispatch send to exactly the reminder queue, not the digest queue', () => {
    const sending = dispatch.filter((statement) => actionsOf(statement).includes('sqs:SendMessage'));
    expect(sending.map((statement) => [actionsOf(statement), resourcesOf(statement)])).toEqual([
      [
        ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
        [{ 'Fn::GetAtt': [ids.queue, 'Arn'] }],
      ],
    ]);
    expect(JSON.stringify(dispatch).includes(ids.digestQueue)).toBe(false);
  });

  it('lets reminder-dispatch neither send mail nor read the link secret', () => {
    expect(
      allowedActions(dispatch).filter(
        (action) => action.startsWith('ses:') || action.startsWith('secretsmanager:'),
      ),
    ).toEqual([]);
  });

  it('lets reminder-send send mail exactly as digest-send can: as the sender identity, through the configuration set', () => {
    const arn = (resource: string) => ({
      'Fn::Join': ['', ['arn:aws:ses:eu-west-1:', { Ref: 'AWS::AccountId' }, resource]],
    });
    expect(sesStatements(send)).toEqual([
      {
        Effect: 'Allow',
        Action: ['ses:SendEmail', 'ses:SendRawEmail'],
        Resource: [arn(':configuration-set/trellis-dev-service-mail'), arn(':identity/example.invalid')],
      },
      { Effect: 'Allow', Action: 'ses:GetAccount', Resource: '*' },
    ]);
    expect(sesStatements(send)).toEqual(sesStatements(digestSend));
    expect(send.some((statement) => 'Condition' in statement || 'NotResource' in statement)).toBe(false);
  });

  it('lets reminder-send read and write the table, consume the reminder queue, read the link secret, and send only to its own queue', () => {
    expect(allowedActions(send).filter((action) => !/^(logs|xray|ses):/.test(action))).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
      'secretsmanager:GetSecretValue',
      'sqs:ChangeMessageVisibility',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:ReceiveMessage',
      'sqs:SendMessage',
    ]);
    const consuming = send.filter((statement) => actionsOf(statement).includes('sqs:ReceiveMessage'));
    expect(consuming.map(resourcesOf)).toEqual([[{ 'Fn::GetAtt': [ids.queue, 'Arn'] }]]);
    const secret = send.filter((statement) => actionsOf(statement).includes('secretsmanager:GetSecretValue'));
    expect(secret.map((statement) => [actionsOf(statement), resourcesOf(statement)])).toEqual([
      [['secretsmanager:GetSecretValue'], [fromDataStack]],
    ]);
  });

  it('alarms the topic on any error of either reminder function and on the first dead letter', () => {
    for (const functionId of [ids.dispatch, ids.send]) {
      trellis.service.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId } }],
        Threshold: 1,
        AlarmActions: [{ Ref: ids.topic }],
      });
    }
    trellis.service.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.deadLetters, 'QueueName'] } }],
      Threshold: 1,
      AlarmActions: [{ Ref: ids.topic }],
    });
    const reminderAlarms = Object.values(trellis.service.findResources('AWS::CloudWatch::Alarm')).filter(
      (alarm) =>
        // Errors and dead letters here; throttles, durations and heartbeats are Operations' (operations.test.ts).
        ['Errors', 'ApproximateNumberOfMessagesVisible'].includes(String(alarm.Properties.MetricName)) &&
        [ids.dispatch, ids.send, ids.deadLetters].some((id) =>
          JSON.stringify(alarm.Properties.Dimensions ?? []).includes(id),
        ),
    );
    expect(reminderAlarms).toHaveLength(3);
  });

  it('refuses requests without TLS on the reminder queue and its dead-letter queue', () => {
    for (const queueId of [ids.queue, ids.deadLetters]) {
      trellis.service.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: queueId }],
        PolicyDocument: {
          Statement: [
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ],
        },
      });
    }
  });
});
