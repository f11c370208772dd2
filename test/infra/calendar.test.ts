import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FunctionWithLogGroup,
  observabilityEnvironment,
} from '../../infra/constructs/function-with-log-group.ts';
import { actionsOf, allowedActions, resourcesOf, type Statement, statementsOf } from './iam-statements.ts';
import { loadTrellis, logicalIdOf, type SynthesizedTrellis } from './synth-trellis.ts';

describe('calendar feed and invitations', () => {
  let trellis: SynthesizedTrellis;
  let ids: {
    feed: string;
    inviteSend: string;
    ingestFeed: string;
    api: string;
    queue: string;
    deadLetters: string;
    httpApi: string;
    topic: string;
    configurationSet: string;
  };
  let statements: { feed: Statement[]; inviteSend: Statement[]; ingestFeed: Statement[]; api: Statement[] };
  let digestSend: Statement[];
  const fromDataStack = { 'Fn::GetStackOutput': expect.objectContaining({ StackName: 'trellis-dev-data' }) };

  beforeAll(() => {
    trellis = loadTrellis();
    const { calendar, ingestion, web, digests, alarms, mail } = trellis.stacks.service;
    ids = {
      feed: logicalIdOf(calendar.feed),
      inviteSend: logicalIdOf(calendar.inviteSend),
      ingestFeed: logicalIdOf(ingestion.feed),
      api: logicalIdOf(web.api),
      queue: logicalIdOf(calendar.invites.queue),
      deadLetters: logicalIdOf(calendar.invites.deadLetterQueue),
      httpApi: logicalIdOf(web.httpApi),
      topic: logicalIdOf(alarms.topic),
      configurationSet: logicalIdOf(mail.configurationSet),
    };
    const statementsOfFunction = (fn: FunctionWithLogGroup) => {
      if (fn.role === undefined) throw new Error(`${fn.node.path} has no role`);
      return statementsOf(trellis.service, logicalIdOf(fn.role));
    };
    statements = {
      feed: statementsOfFunction(calendar.feed),
      inviteSend: statementsOfFunction(calendar.inviteSend),
      ingestFeed: statementsOfFunction(ingestion.feed),
      api: statementsOfFunction(web.api),
    };
    digestSend = statementsOfFunction(digests.send);
  });
  afterAll(() => trellis?.dispose());

  const propertiesOf = (functionId: string): Record<string, unknown> =>
    trellis.service.findResources('AWS::Lambda::Function')[functionId]?.Properties;
  const variablesOf = (functionId: string): Record<string, unknown> =>
    (propertiesOf(functionId).Environment as { Variables: Record<string, unknown> }).Variables;
  const sesStatements = (of: Statement[]) =>
    of.filter((statement) => actionsOf(statement).some((action) => action.startsWith('ses:')));
  const itemActions = [
    'dynamodb:BatchGetItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:DeleteItem',
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:Query',
    'dynamodb:UpdateItem',
  ];

  describe('the feed', () => {
    const feedRoutes = () =>
      Object.values(trellis.service.findResources('AWS::ApiGatewayV2::Route'))
        .map((route) => route.Properties)
        .filter((route) => route.RouteKey !== '$default');

    it('routes GET and HEAD /cal/{token} and /cal/topics/{topic} on the one HTTP API, without an authorizer', () => {
      expect(feedRoutes().map((route) => [route.RouteKey, route.AuthorizationType, route.ApiId])).toEqual([
        ['GET /cal/{token}', 'NONE', { Ref: ids.httpApi }],
        ['HEAD /cal/{token}', 'NONE', { Ref: ids.httpApi }],
        ['GET /cal/topics/{topic}', 'NONE', { Ref: ids.httpApi }],
        ['HEAD /cal/topics/{topic}', 'NONE', { Ref: ids.httpApi }],
      ]);
    });

    it('proxies every feed route to calendar-feed with payload format 2.0', () => {
      const integrations = trellis.service.findResources('AWS::ApiGatewayV2::Integration');
      const targets = feedRoutes().map((route) => {
        const [, [, ref]] = route.Target['Fn::Join'] as [string, [string, { Ref: string }]];
        return integrations[ref.Ref]?.Properties;
      });
      expect(targets).toEqual(
        Array(4).fill({
          ApiId: { Ref: ids.httpApi },
          IntegrationType: 'AWS_PROXY',
          IntegrationUri: { 'Fn::GetAtt': [ids.feed, 'Arn'] },
          PayloadFormatVersion: '2.0',
        }),
      );
    });

    it('lets only this API invoke calendar-feed, and only on the feed paths', () => {
      const permissions = Object.values(trellis.service.findResources('AWS::Lambda::Permission')).filter(
        (permission) => JSON.stringify(permission.Properties.FunctionName).includes(ids.feed),
      );
      expect(permissions.map((permission) => permission.Properties.Principal)).toEqual(
        Array(4).fill('apigateway.amazonaws.com'),
      );
      const paths = permissions.map((permission) => {
        const sourceArn = JSON.stringify(permission.Properties.SourceArn);
        expect(sourceArn).toContain(`{"Ref":"${ids.httpApi}"}`);
        return /"\/\*\/\*(\/cal\/[^"]+)"\]\]\}$/.exec(sourceArn)?.[1];
      });
      expect(paths).toEqual(['/cal/{token}', '/cal/{token}', '/cal/topics/{topic}', '/cal/topics/{topic}']);
    });

    it('runs calendar-feed with 512 MB for at most 15 s, told only the table (it needs no secret), the rest defaults', () => {
      expect(propertiesOf(ids.feed)).toMatchObject({ Runtime: 'nodejs22.x', MemorySize: 512, Timeout: 15 });
      expect(variablesOf(ids.feed)).toEqual({
        NODE_OPTIONS: '--enable-source-maps',
        ...observabilityEnvironment('calendar-feed'),
        TABLE_NAME: fromDataStack,
      });
    });

    it('lets calendar-feed read items and update them, nothing else on the table, and no secret', () => {
      expect(allowedActions(statements.feed).filter((action) => !/^(logs|xray):/.test(action))).toEqual([
        'dynamodb:BatchGetItem',
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
      ]);
    });

    it('gives calendar-feed no SES permission and no queue', () => {
      expect(
        allowedActions(statements.feed).filter(
          (action) => action.startsWith('ses:') || action.startsWith('sqs:'),
        ),
      ).toEqual([]);
    });
  });

  describe('invitation updates', () => {
    it('queues them encrypted by SQS, moving a message to the dead-letter queue after 5 receives', () => {
      const queues = trellis.service.findResources('AWS::SQS::Queue');
      expect(queues[ids.queue]?.Properties).toEqual({
        SqsManagedSseEnabled: true,
        // 6 × invite-send's 120 s timeout + the 5 s batching window.
        VisibilityTimeout: 725,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [ids.deadLetters, 'Arn'] },
          maxReceiveCount: 5,
        },
      });
      expect(queues[ids.deadLetters]?.Properties).toEqual({
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
    });

    it('refuses requests without TLS on the invite queue and its dead-letter queue', () => {
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

    it('hands invite-send up to 10 messages gathered for 5 s, with partial batch responses, at most 2 at once', () => {
      const mappings = Object.values(trellis.service.findResources('AWS::Lambda::EventSourceMapping')).filter(
        (mapping) =>
          JSON.stringify(mapping.Properties.FunctionName) === JSON.stringify({ Ref: ids.inviteSend }),
      );
      expect(mappings.map((mapping) => mapping.Properties)).toEqual([
        {
          EventSourceArn: { 'Fn::GetAtt': [ids.queue, 'Arn'] },
          FunctionName: { Ref: ids.inviteSend },
          BatchSize: 10,
          MaximumBatchingWindowInSeconds: 5,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          ScalingConfig: { MaximumConcurrency: 2 },
        },
      ]);
      expect(propertiesOf(ids.inviteSend).ReservedConcurrentExecutions).toBeUndefined();
    });

    it('runs invite-send with 256 MB for at most 120 s, told the table, sender, configuration set and Message-ID domain', () => {
      expect(propertiesOf(ids.inviteSend)).toMatchObject({ MemorySize: 256, Timeout: 120 });
      expect(variablesOf(ids.inviteSend)).toEqual({
        NODE_OPTIONS: '--enable-source-maps',
        ...observabilityEnvironment('invite-send'),
        TABLE_NAME: fromDataStack,
        MAIL_FROM: 'digest@example.invalid',
        SES_CONFIGURATION_SET: { Ref: ids.configurationSet },
        MESSAGE_ID_DOMAIN: 'example.invalid',
      });
    });

    it('lets invite-send read and write the table, consume the invite queue and send mail, and nothing else', () => {
      expect(allowedActions(statements.inviteSend).filter((action) => !/^(logs|xray):/.test(action))).toEqual(
        [
          ...itemActions,
          'ses:SendEmail',
          'ses:SendRawEmail',
          'sqs:ChangeMessageVisibility',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
          'sqs:ReceiveMessage',
        ],
      );
      const consuming = statements.inviteSend.filter((statement) =>
        actionsOf(statement).includes('sqs:ReceiveMessage'),
      );
      expect(consuming.map(resourcesOf)).toEqual([[{ 'Fn::GetAtt': [ids.queue, 'Arn'] }]]);
    });

    it('lets invite-send and api send mail exactly as digest-send can: as the sender identity, through the configuration set', () => {
      // digest-send also reads the account's send rate (bulk mail); transactional senders do not need it.
      const digestSending = sesStatements(digestSend).filter((statement) => statement.Resource !== '*');
      expect(digestSending).toHaveLength(1);
      expect(sesStatements(statements.inviteSend)).toEqual(digestSending);
      expect(sesStatements(statements.api)).toEqual(digestSending);
    });

    it('tells ingest-feed the invite queue URL and lets it send to exactly that queue', () => {
      expect(variablesOf(ids.ingestFeed)).toMatchObject({ INVITE_QUEUE_URL: { Ref: ids.queue } });
      const sending = statements.ingestFeed.filter((statement) =>
        actionsOf(statement).includes('sqs:SendMessage'),
      );
      expect(sending.map((statement) => [actionsOf(statement), resourcesOf(statement)])).toEqual([
        [
          ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
          [{ 'Fn::GetAtt': [ids.queue, 'Arn'] }],
        ],
      ]);
    });

    it('tells api the sender, configuration set and Message-ID domain for the invitations it sends inline', () => {
      expect(variablesOf(ids.api)).toMatchObject({
        MAIL_FROM: 'digest@example.invalid',
        SES_CONFIGURATION_SET: { Ref: ids.configurationSet },
        MESSAGE_ID_DOMAIN: 'example.invalid',
      });
    });
  });

  it('alarms the topic on any error of calendar-feed or invite-send and on the first invite dead letter', () => {
    for (const functionId of [ids.feed, ids.inviteSend]) {
      trellis.service.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId } }],
        Statistic: 'Sum',
        Period: 300,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
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
});
