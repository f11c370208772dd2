import { CfnOutput, Duration, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpRoute,
  HttpRouteKey,
  type HttpStage,
  LogGroupLogDestination,
  PayloadFormatVersion,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { AlarmTopic } from './alarm-topic.ts';
import { bindLinkSecret, bindTable } from './bindings.ts';
import { type FunctionDefaults, FunctionWithLogGroup } from './function-with-log-group.ts';
import type { Mail } from './mail.ts';

export interface WebProps {
  readonly table: ITable;
  /** Verifies the signed one-click links in mails. */
  readonly linkSecret: ISecret;
  /** "Add to my calendar" links send the reader's invitation at once, through SES. */
  readonly mail: Mail;
  readonly alarms: AlarmTopic;
  readonly functionDefaults: FunctionDefaults;
  /** ADMIN_EMAILS of the api function: these addresses, once confirmed by signing in, approve suggested sources. */
  readonly adminEmails: readonly string[];
}

export interface PublicRouteProps {
  /** `HttpRouteKey.DEFAULT` or e.g. `HttpRouteKey.with('/cal/{token}', HttpMethod.GET)`. */
  readonly routeKey: HttpRouteKey;
  readonly fn: IFunction;
  /** Why this route needs no authorizer; recorded as the cdk-nag APIG4 acknowledgement, so make it a sentence. */
  readonly whyPublic: string;
}

/** Stage-wide limits for every route: enough for people browsing, low enough to cap the bill of a flood. */
const throttle = { burstLimit: 100, rateLimit: 50 } as const;

/**
 * One JSON object per request, so Logs Insights can filter on fields. Only variables HTTP APIs support
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html); the request ID
 * is required and matches the `requestContext.requestId` the function sees.
 */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    requestTime: '$context.requestTime',
    method: '$context.httpMethod',
    path: '$context.path',
    routeKey: '$context.routeKey',
    protocol: '$context.protocol',
    status: '$context.status',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationStatus: '$context.integration.status',
    integrationLatency: '$context.integration.latency',
    integrationError: '$context.integration.error',
  }),
);

/**
 * The web entry point: an HTTP API whose `$default` route sends every request to the `api` function (pages, JSON,
 * and the signed one-click links in mails, which write the reader's items and may mail a calendar invitation), a
 * stage with throttling and JSON access logs, and an alarm on the function's errors. Later functions get their own
 * paths through `addPublicRoute` (the calendar feed: `Calendar`); a more specific route key wins over `$default`.
 */
export class Web extends Construct {
  readonly api: FunctionWithLogGroup;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const { table, linkSecret, mail, alarms, functionDefaults, adminEmails } = props;

    this.api = new FunctionWithLogGroup(this, 'Api', {
      ...functionDefaults,
      name: 'api',
      description: 'Serves the Trellis pages, JSON and signed one-click links behind the HTTP API',
      memorySize: 512,
      // Well under the HTTP API's 30 s integration limit, so a slow request ends as a Lambda timeout (alarmed)
      // rather than a bare 503 from API Gateway.
      timeout: Duration.seconds(10),
    });
    // One-click links (unsubscribe, not interested) write the reader's items; the signature is checked first.
    bindTable({ fn: this.api, table, accessMode: 'readWrite' });
    bindLinkSecret({ fn: this.api, secret: linkSecret });
    // An "Add to my calendar" link saves the event and mails the invitation inline, so the reader gets it at once.
    mail.grantSend(this.api);
    this.api.addEnvironment('MESSAGE_ID_DOMAIN', mail.fromDomain);
    // Left out when empty: no variable means no admins, exactly as an empty list.
    if (adminEmails.length > 0) this.api.addEnvironment('ADMIN_EMAILS', adminEmails.join(','));
    alarms.watchErrors(this.api);

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: functionDefaults.logRemovalPolicy,
    });
    // The default stage is added by hand because HttpApi's own takes neither throttling nor access logging.
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `${Stack.of(this).stackName}-web`,
      description: 'Trellis web entry point',
      createDefaultStage: false,
    });
    this.stage = this.httpApi.addStage('DefaultStage', {
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: accessLogFormat,
      },
    });

    this.addPublicRoute('DefaultRoute', {
      routeKey: HttpRouteKey.DEFAULT,
      fn: this.api,
      whyPublic:
        'The function signs people in itself (emailed one-use links, a signed session cookie, CSRF tokens) and ' +
        'checks the session on every page and JSON route of a user, and the admin role on the sources routes; the ' +
        'overview page and the events JSON are public by design, one-click links from mails are signed with the ' +
        'link secret and limited to the one reader they name, and the stage throttles every route.',
    });

    // A fixed logical ID so the output key scripts read stays `ApiUrl` wherever this construct sits.
    new CfnOutput(this, 'ApiUrl', {
      description: 'Base URL of the Trellis web entry point',
      value: this.stage.url,
    }).overrideLogicalId('ApiUrl');
  }

  /** Routes `routeKey` to `fn` (Lambda proxy, payload 2.0) without an authorizer, saying why in the acknowledgement. */
  addPublicRoute(id: string, props: PublicRouteProps): HttpRoute {
    const route = new HttpRoute(this.httpApi, id, {
      httpApi: this.httpApi,
      routeKey: props.routeKey,
      integration: new HttpLambdaIntegration('Integration', props.fn, {
        payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
      }),
    });
    Validations.of(route).acknowledge({ id: 'AwsSolutions-APIG4', reason: props.whyPublic });
    return route;
  }
}
