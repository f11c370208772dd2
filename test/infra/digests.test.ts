import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observabilityEnvironment } from '../../infra/constructs/function-with-log-group.ts';
import { actionsOf, allowedActions, resourcesOf, type Statement, statementsOf } from './iam-statements.ts';
import { loadTrellis, logicalIdOf, type SynthesizedTrellis } from './synth-trellis.ts';

describe('weekly digests', () => {
  let trellis: SynthesizedTrellis;
  let ids: {
    dispatch: string;
    send: string;
    queue: string;
    deadLetters: string;
    topic: string;
    configurationSet: string;
    httpApi: string;
  };
  let dispatch: Statement[];
  let send: Statement[];
  const fromDataStack = { 'Fn::GetStackOutput': expect.objectContaining({ StackName: 'trellis-dev-data' }) };

  beforeAll(() => {
    trellis = loadTrellis();
    const { digests, alarms, mail, web } = trellis.stacks.service;
    ids = {
      dispatch: logicalIdOf(digests.dispatch),
      send: logicalIdOf(digests.send),
      queue: logicalIdOf(digests.work.queue),
      deadLetters: logicalIdOf(digests.work.deadLetterQueue),
      topic: logicalIdOf(alarms.topic),
      configurationSet: logicalIdOf(mail.configurationSet),
      httpApi: logicalIdOf(web.httpApi),
    };
    const roleOf = (fn: typeof digests.send) => {
      if (fn.role === undefined) throw new Error(`${fn.node.path} has no role`);
      return logicalIdOf(fn.role);
    };
    dispatch = statementsOf(trellis.service, roleOf(digests.dispatch));
    send = statementsOf(trellis.service, roleOf(digests.send));
  });
  afterAll(() => trellis?.dispose());

  const variablesOf = (functionId: string): Record<string, unknown> =>
    trellis.service.findResources('AWS::Lambda::Function')[functionId]?.Properties.Environment.Variables;

  it('invokes digest-dispatch every hour at minute 0, retrying a failed invocation twice', () => {
    const rules = Object.values(trellis.service.findResources('AWS::Events::Rule')).filter((rule) =>
      JSON.stringify(rule.Properties.Targets).includes(ids.dispatch),
    );
    expect(rules.map((rule) => rule.Properties)).toEqual([
      {
        Description: 'Dispatches weekly digests every 15 minutes',
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

  it('queues digests encrypted by SQS, moving a message to the dead-letter queue after 5 receives', () => {
    const queue = trellis.service.findResources('AWS::SQS::Queue')[ids.queue];
    expect(queue?.Properties).toEqual({
      SqsManagedSseEnabled: true,
      // 6 × digest-send's 300 s timeout + the 10 s batching window.
      VisibilityTimeout: 1810,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [ids.deadLetters, 'Arn'] }, maxReceiveCount: 5 },
    });
    expect(trellis.service.findResources('AWS::SQS::Queue')[ids.deadLetters]?.Properties).toEqual({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
  });

  it('hands digest-send up to 100 messages gathered for 10 s, with partial batch responses, at most 2 at once', () => {
    const mappings = Object.values(trellis.service.findResources('AWS::Lambda::EventSourceMapping')).filter(
      (mapping) => JSON.stringify(mapping.Properties.FunctionName) === JSON.stringify({ Ref: ids.send }),
    );
    expect(mappings.map((mapping) => mapping.Properties)).toEqual([
      {
        EventSourceArn: { 'Fn::GetAtt': [ids.queue, 'Arn'] },
        FunctionName: { Ref: ids.send },
        BatchSize: 100,
        MaximumBatchingWindowInSeconds: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 2 },
      },
    ]);
  });

  it('bounds digest-send by the event source alone, with no reserved concurrency to throttle into the DLQ', () => {
    const fn = trellis.service.findResources('AWS::Lambda::Function')[ids.send];
    expect(fn?.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });

  it('tells digest-dispatch the table and the digest queue URL', () => {
    expect(variablesOf(ids.dispatch)).toEqual({
      NODE_OPTIONS: '--enable-source-maps',
      ...observabilityEnvironment('digest-dispatch'),
      TABLE_NAME: fromDataStack,
      DIGEST_QUEUE_URL: { Ref: ids.queue },
    });
  });

  it('tells digest-send the table, sender, configuration set, link secret and where links point', () => {
    expect(variablesOf(ids.send)).toEqual({
      // A small young generation keeps the batch worker's peak memory down (infra/bundling.ts).
      NODE_OPTIONS: '--enable-source-maps --max-semi-space-size=4 --max-old-space-size=224',
      ...observabilityEnvironment('digest-send'),
      TABLE_NAME: fromDataStack,
      // Offline synth without -c mailFrom: the placeholder, which no SES identity can match.
      MAIL_FROM: 'digest@example.invalid',
      SES_CONFIGURATION_SET: { Ref: ids.configurationSet },
      LINK_SECRET_ARN: fromDataStack,
      // Without -c publicBaseUrl: the HTTP API's endpoint, which has no trailing slash.
      PUBLIC_BASE_URL: { 'Fn::GetAtt': [ids.httpApi, 'ApiEndpoint'] },
      MESSAGE_ID_DOMAIN: 'example.invalid',
      UNSUBSCRIBE_MAILTO: 'digest@example.invalid',
    });
  });

  it('lets digest-dispatch read and write the table and send to the digest queue, and nothing else', () => {
    expect(allowedActions(dispatch).filter((action) => !/^(logs|xray):/.test(action))).toEqual([
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
    const sending = dispatch.filter((statement) => actionsOf(statement).includes('sqs:SendMessage'));
    expect(sending.map(resourcesOf)).toEqual([[{ 'Fn::GetAtt': [ids.queue, 'Arn'] }]]);
  });

  it('lets digest-dispatch neither send mail nor read the link secret', () => {
    const actions = allowedActions(dispatch);
    expect(
      actions.filter((action) => action.startsWith('ses:') || action.startsWith('secretsmanager:')),
    ).toEqual([]);
  });

  it('lets digest-send send mail only as the sender identity through the configuration set, and read the send rate', () => {
    const mailing = send.filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('ses:')),
    );
    const arn = (resource: string) => ({
      'Fn::Join': ['', ['arn:aws:ses:eu-west-1:', { Ref: 'AWS::AccountId' }, resource]],
    });
    expect(mailing).toEqual([
      {
        Effect: 'Allow',
        Action: ['ses:SendEmail', 'ses:SendRawEmail'],
        Resource: [arn(':configuration-set/trellis-dev-service-mail'), arn(':identity/example.invalid')],
      },
      // The account's send rate, of which bulk mail takes at most 70 %: GetAccount has no resource.
      { Effect: 'Allow', Action: 'ses:GetAccount', Resource: '*' },
    ]);
    expect(send.some((statement) => 'Condition' in statement || 'NotResource' in statement)).toBe(false);
  });

  it('lets digest-send consume the digest queue, read the link secret and the table, and send only to its own queue', () => {
    expect(allowedActions(send).filter((action) => !/^(logs|xray|dynamodb|ses):/.test(action))).toEqual([
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
    // Deferred digests (a daily-quota pause) go back on their own queue, delayed, never to another.
    const sending = send.filter((statement) => actionsOf(statement).includes('sqs:SendMessage'));
    expect(sending.map(resourcesOf)).toEqual([[{ 'Fn::GetAtt': [ids.queue, 'Arn'] }]]);
  });

  it('alarms the topic on any error of either digest function and on the first dead letter', () => {
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
  });

  it('refuses requests without TLS on the digest queue and its dead-letter queue', () => {
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
