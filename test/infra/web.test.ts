import { App, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HttpMethod, type HttpRoute, HttpRouteKey } from 'aws-cdk-lib/aws-apigatewayv2';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlarmTopic } from '../../infra/constructs/alarm-topic.ts';
import { observabilityEnvironment } from '../../infra/constructs/function-with-log-group.ts';
import { Mail } from '../../infra/constructs/mail.ts';
import { Web } from '../../infra/constructs/web.ts';
import { allowedActions, resourcesOf, statementsOf } from './iam-statements.ts';
import { loadTrellis, logicalIdOf, type SynthesizedTrellis } from './synth-trellis.ts';

describe('web entry point', () => {
  let trellis: SynthesizedTrellis;
  let ids: { httpApi: string; stage: string; fn: string; role: string; accessLogs: string; topic: string };
  beforeAll(() => {
    trellis = loadTrellis();
    const { web, alarms } = trellis.stacks.service;
    if (web.api.role === undefined) throw new Error('the api function has no role');
    ids = {
      httpApi: logicalIdOf(web.httpApi),
      stage: logicalIdOf(web.stage),
      fn: logicalIdOf(web.api),
      role: logicalIdOf(web.api.role),
      accessLogs: logicalIdOf(web.accessLogs),
      topic: logicalIdOf(alarms.topic),
    };
  });
  afterAll(() => trellis?.dispose());

  it('serves one HTTP API whose routes are $default and the calendar and topic feeds, without an authorizer', () => {
    trellis.service.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    trellis.service.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      Name: 'trellis-dev-service-web',
    });
    const routes = Object.values(trellis.service.findResources('AWS::ApiGatewayV2::Route'));
    expect(routes.map((route) => [route.Properties.RouteKey, route.Properties.AuthorizationType])).toEqual([
      ['$default', 'NONE'],
      ['GET /cal/{token}', 'NONE'],
      ['HEAD /cal/{token}', 'NONE'],
      ['GET /cal/topics/{topic}', 'NONE'],
      ['HEAD /cal/topics/{topic}', 'NONE'],
    ]);
    for (const route of routes) expect(route.Properties.ApiId).toEqual({ Ref: ids.httpApi });
  });

  it('proxies $default to the api function with payload format 2.0', () => {
    const integrations = Object.entries(
      trellis.service.findResources('AWS::ApiGatewayV2::Integration'),
    ).filter(([, integration]) => JSON.stringify(integration.Properties.IntegrationUri).includes(ids.fn));
    expect(integrations.map(([, integration]) => integration.Properties)).toEqual([
      {
        ApiId: { Ref: ids.httpApi },
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: { 'Fn::GetAtt': [ids.fn, 'Arn'] },
        PayloadFormatVersion: '2.0',
      },
    ]);
    const [[integrationId] = []] = integrations;
    trellis.service.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: '$default',
      Target: { 'Fn::Join': ['', ['integrations/', { Ref: integrationId }]] },
    });
  });

  it('lets only this API invoke the api function', () => {
    const permissions = Object.values(trellis.service.findResources('AWS::Lambda::Permission')).filter(
      (permission) => JSON.stringify(permission.Properties.FunctionName).includes(ids.fn),
    );
    expect(permissions.map((permission) => permission.Properties.Principal)).toEqual([
      'apigateway.amazonaws.com',
    ]);
    expect(JSON.stringify(permissions[0]?.Properties.SourceArn)).toContain(`{"Ref":"${ids.httpApi}"}`);
  });

  it('deploys the $default stage automatically, throttled to 50 requests/s with bursts of 100', () => {
    trellis.service.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    const stage = trellis.service.findResources('AWS::ApiGatewayV2::Stage')[ids.stage];
    expect(stage?.Properties).toMatchObject({
      ApiId: { Ref: ids.httpApi },
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
    });
  });

  it('writes one JSON access log line per request to a log group of its own, kept one month', () => {
    const stage = trellis.service.findResources('AWS::ApiGatewayV2::Stage')[ids.stage];
    const settings = stage?.Properties.AccessLogSettings as { DestinationArn: unknown; Format: string };
    expect(settings.DestinationArn).toEqual({ 'Fn::GetAtt': [ids.accessLogs, 'Arn'] });
    expect(JSON.parse(settings.Format)).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
      integrationError: '$context.integration.error',
    });
    const accessLogs = trellis.service.findResources('AWS::Logs::LogGroup')[ids.accessLogs];
    expect(accessLogs).toMatchObject({ Properties: { RetentionInDays: 30 }, DeletionPolicy: 'Delete' });
    expect(ids.accessLogs).not.toBe(logicalIdOf(trellis.stacks.service.web.api.logGroup));
  });

  it('runs api on nodejs22.x with the table and link secret from the data stack and the mail settings for invitations', () => {
    const fn = trellis.service.findResources('AWS::Lambda::Function')[ids.fn];
    expect(fn?.Properties).toMatchObject({ Runtime: 'nodejs22.x', MemorySize: 512, Timeout: 10 });
    const fromDataStack = {
      'Fn::GetStackOutput': expect.objectContaining({ StackName: 'trellis-dev-data' }),
    };
    expect(fn?.Properties.Environment).toEqual({
      Variables: {
        NODE_OPTIONS: '--enable-source-maps',
        ...observabilityEnvironment('api'),
        TABLE_NAME: fromDataStack,
        LINK_SECRET_ARN: fromDataStack,
        // Offline synth without -c mailFrom: the placeholder sender.
        MAIL_FROM: 'digest@example.invalid',
        SES_CONFIGURATION_SET: { Ref: logicalIdOf(trellis.stacks.service.mail.configurationSet) },
        MESSAGE_ID_DOMAIN: 'example.invalid',
        // An approved source is fetched at once.
        INGEST_QUEUE_URL: { Ref: logicalIdOf(trellis.stacks.service.ingestion.work.queue) },
        // No -c adminEmails: no ADMIN_EMAILS, so nobody has the admin role.
      },
    });
  });

  it('lets the api function read and write items of the table (one-click links write), and nothing else there', () => {
    const statements = statementsOf(trellis.service, ids.role);
    const actions = allowedActions(statements);
    expect(actions.filter((action) => action.startsWith('dynamodb:'))).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    const granting = (action: string) =>
      statements.filter((statement) => JSON.stringify(statement.Action).includes(action)).map(resourcesOf);
    const [[tableArn, ...indexArns] = []] = granting('dynamodb:Query');
    expect(indexArns).toHaveLength(3);
    // Writes on the table itself only: indexes cannot be written, and no other table.
    expect(granting('dynamodb:PutItem')).toEqual([[tableArn]]);
  });

  it('lets the api function read the link secret, send mail (invitations), queue a fetch of an approved source, and call nothing else outside logs, X-Ray and the table', () => {
    const actions = allowedActions(statementsOf(trellis.service, ids.role));
    expect(actions.filter((action) => !/^(logs|xray|dynamodb):/.test(action))).toEqual([
      'secretsmanager:GetSecretValue',
      'ses:SendEmail',
      'ses:SendRawEmail',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:SendMessage',
    ]);
  });

  it('alarms the topic on any error of the api function', () => {
    trellis.service.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: ids.fn } }],
      Statistic: 'Sum',
      Period: 300,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      AlarmActions: [{ Ref: ids.topic }],
    });
  });

  it('outputs the stage URL as ApiUrl', () => {
    expect(trellis.service.findOutputs('ApiUrl')).toEqual({
      ApiUrl: {
        Description: 'Base URL of the Trellis web entry point',
        Value: {
          'Fn::Join': [
            '',
            ['https://', { Ref: ids.httpApi }, '.execute-api.eu-west-1.', { Ref: 'AWS::URLSuffix' }, '/'],
          ],
        },
      },
    });
  });
});

describe('Web.addPublicRoute', () => {
  let stack: Stack;
  let template: Template;
  let calendarId: string;
  let calendarRoute: HttpRoute;
  let apiId: string;
  beforeAll(() => {
    // Skips bundling: this checks routing and acknowledgements, not code.
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    stack = new Stack(app, 'Routes');
    const table = new Table(stack, 'Table', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const alarms = new AlarmTopic(stack, 'Alarms', { email: null });
    const functionDefaults = { logRemovalPolicy: RemovalPolicy.DESTROY } as const;
    const web = new Web(stack, 'Web', {
      table,
      linkSecret: new Secret(stack, 'LinkSecret', { removalPolicy: RemovalPolicy.DESTROY }),
      mail: new Mail(stack, 'Mail', {
        from: 'digest@example.org',
        replyTo: null,
        table,
        alarms,
        functionDefaults,
      }),
      alarms,
      functionDefaults,
      adminEmails: ['ana@example.org', 'ravi@example.org'],
    });
    apiId = logicalIdOf(web.api);
    const calendar = new LambdaFunction(stack, 'Calendar', {
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: Code.fromInline('export const handler = async () => ({ statusCode: 200 });'),
    });
    calendarRoute = web.addPublicRoute('CalendarRoute', {
      routeKey: HttpRouteKey.with('/cal/{token}', HttpMethod.GET),
      fn: calendar,
      whyPublic: 'Calendar apps cannot sign in; the unguessable token in the path is the credential.',
    });
    template = Template.fromStack(stack);
    calendarId = logicalIdOf(calendar);
  });

  it('routes GET /cal/{token} to the other function next to $default', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route'));
    expect(routes.map((route) => route.Properties.RouteKey).sort()).toEqual(['$default', 'GET /cal/{token}']);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationUri: { 'Fn::GetAtt': [calendarId, 'Arn'] },
      PayloadFormatVersion: '2.0',
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [calendarId, 'Arn'] },
      Principal: 'apigateway.amazonaws.com',
      SourceArn: Match.anyValue(),
    });
  });

  it('gives the api function the admin addresses as ADMIN_EMAILS, comma-separated', () => {
    const api = template.findResources('AWS::Lambda::Function')[apiId];
    expect(api?.Properties.Environment.Variables.ADMIN_EMAILS).toBe('ana@example.org,ravi@example.org');
  });

  it('acknowledges APIG4 on the new route with its own reason and leaves no other API finding', () => {
    const acknowledged = calendarRoute.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .map((entry) => entry.data);
    expect(acknowledged).toEqual([
      {
        // Validations stores acknowledged ids with this prefix.
        'Annotation::AwsSolutions-APIG4':
          'Calendar apps cannot sign in; the unguessable token in the path is the credential.',
      },
    ]);
    const violations = new AwsSolutionsChecks().validateScope(stack).violations;
    expect(violations.filter((violation) => violation.ruleName.includes('APIG'))).toEqual([]);
  });
});
