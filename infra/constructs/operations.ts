import { Annotations, Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AlarmTopic } from './alarm-topic.ts';

export interface WatchedQueue {
  readonly queue: IQueue;
  /** How old its oldest message may get before someone should look (the work is late by then). */
  readonly maxAge: Duration;
}

export interface WatchedDispatcher {
  readonly fn: LambdaFunction;
  /** How often its schedule runs it: no invocation for three times this is an alarm. */
  readonly every: Duration;
}

export interface OperationsProps {
  readonly alarms: AlarmTopic;
  readonly alarmEmail: string | null;
  readonly functions: readonly LambdaFunction[];
  readonly queues: readonly WatchedQueue[];
  readonly dispatchers: readonly WatchedDispatcher[];
  readonly httpApi: HttpApi;
  readonly table: ITable;
  /** The SES account's 24-hour sending quota; an alarm at 80 % of it. */
  readonly sesDailyQuota: number;
}

/** A construct's path below its stack, as one id: Ingestion/Work/Queue → IngestionWorkQueue. */
const idOf = (construct: Construct) =>
  construct.node.path
    .split('/')
    .slice(1)
    .join('')
    .replace(/[^A-Za-z0-9]/g, '');

/** Table operations the service uses: their system errors and throttles are watched. */
const tableOperations = [
  'GetItem',
  'BatchGetItem',
  'Query',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
];

/**
 * Knowing when it stops: per function throttles and durations near the timeout (errors are watched by each
 * capability), per queue the age of the oldest message, the HTTP API's 5xx, DynamoDB system errors and
 * throttles, SES sending against the daily quota, and a heartbeat per dispatcher — a dispatcher that stops
 * running is an alarm (missing data is breaching). A synth warning when nobody is subscribed to the alarms.
 * And one dashboard with all of it.
 */
export class Operations extends Construct {
  readonly dashboard: Dashboard;
  readonly alarmList: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const { alarms } = props;
    if (props.alarmEmail === null) {
      Annotations.of(this).addWarningV2(
        'trellis:alarmsUnsubscribed',
        'No -c alarmEmail given: the alarm topic has no subscriber, so alarms reach nobody. Subscribe an address or a pager to the topic.',
      );
    }
    const add = (alarm: Alarm) => {
      alarms.notify(alarm);
      this.alarmList.push(alarm);
      return alarm;
    };

    for (const fn of props.functions) {
      // Unique across capabilities (Ingestion/Feed and Calendar/Feed).
      const name = idOf(fn);
      add(
        fn
          .metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' })
          .createAlarm(this, `${name}Throttles`, {
            alarmDescription: `${fn.node.path} was throttled: raise its concurrency or slow its event source.`,
            threshold: 1,
            evaluationPeriods: 1,
            comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treatMissingData: TreatMissingData.NOT_BREACHING,
          }),
      );
      const timeoutMs = fn.timeout?.toMilliseconds() ?? 3_000;
      add(
        fn
          .metricDuration({ period: Duration.minutes(5), statistic: 'Maximum' })
          .createAlarm(this, `${name}NearTimeout`, {
            alarmDescription: `${fn.node.path} ran for more than 80 % of its ${timeoutMs / 1000} s timeout: it is about to time out.`,
            threshold: Math.round(timeoutMs * 0.8),
            evaluationPeriods: 1,
            comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treatMissingData: TreatMissingData.NOT_BREACHING,
          }),
      );
    }

    for (const { queue, maxAge } of props.queues) {
      add(
        queue
          .metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' })
          .createAlarm(this, `${idOf(queue)}Age`, {
            alarmDescription: `${queue.node.path}: its oldest message waited more than ${maxAge.toHumanString()}; the work is late.`,
            threshold: maxAge.toSeconds(),
            evaluationPeriods: 1,
            comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treatMissingData: TreatMissingData.NOT_BREACHING,
          }),
      );
    }

    for (const { fn, every } of props.dispatchers) {
      add(
        fn
          .metricInvocations({ period: Duration.minutes(every.toMinutes() * 3), statistic: 'Sum' })
          .createAlarm(this, `${idOf(fn)}Heartbeat`, {
            alarmDescription: `${fn.node.path} has not run for ${every.toMinutes() * 3} minutes: its schedule or the function is broken.`,
            threshold: 1,
            evaluationPeriods: 1,
            comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
            // No data means it did not run: that is the alarm.
            treatMissingData: TreatMissingData.BREACHING,
          }),
      );
    }

    const api5xx = new Metric({
      namespace: 'AWS/ApiGateway',
      metricName: '5xx',
      dimensionsMap: { ApiId: props.httpApi.apiId },
      period: Duration.minutes(5),
      statistic: 'Sum',
    });
    add(
      api5xx.createAlarm(this, 'Api5xx', {
        alarmDescription:
          'The HTTP API answered 5xx five times or more in 5 minutes; see the api function log group.',
        threshold: 5,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    const tableErrors = props.table.metricSystemErrorsForOperations({
      operations: tableOperations as never,
      period: Duration.minutes(5),
    });
    add(
      new Alarm(this, 'TableSystemErrors', {
        metric: tableErrors,
        alarmDescription: 'DynamoDB answered with system errors (5xx) in the last 5 minutes.',
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
    const tableThrottles = props.table.metricThrottledRequestsForOperations({
      operations: tableOperations as never,
      period: Duration.minutes(5),
    });
    add(
      new Alarm(this, 'TableThrottles', {
        metric: tableThrottles,
        alarmDescription: 'DynamoDB throttled requests in the last 5 minutes (on-demand: a sudden peak).',
        threshold: 10,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    // SES publishes what was sent, not the quota: the quota is configuration (sesDailyQuota).
    const sentToday = new Metric({
      namespace: 'AWS/SES',
      metricName: 'Send',
      period: Duration.days(1),
      statistic: 'Sum',
    });
    add(
      sentToday.createAlarm(this, 'SesQuotaUse', {
        alarmDescription: `More than 80 % of the SES daily quota (${props.sesDailyQuota}) sent in a day: raise the quota before it stops mail.`,
        threshold: Math.floor(props.sesDailyQuota * 0.8),
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    const business = (metricName: string) =>
      new Metric({ namespace: 'Trellis', metricName, period: Duration.hours(1), statistic: 'Sum' });
    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: 'Trellis' });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: '# Trellis\nDelivery, queues, errors. Runbook: README, "Operations".',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Sent per hour',
        left: ['DigestsSent', 'RemindersSent', 'InvitationsSent', 'MailsSuppressed'].map(business),
        width: 12,
      }),
      new GraphWidget({
        title: 'Feeds',
        left: ['FeedsFetched', 'FeedsFailed', 'EventsStored'].map(business),
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Oldest message age (s)',
        left: props.queues.map(({ queue }) =>
          queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
        ),
        width: 12,
      }),
      new GraphWidget({
        title: 'Function errors',
        left: props.functions.map((fn) => fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' })),
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'HTTP API 5xx', left: [api5xx], width: 8 }),
      new GraphWidget({ title: 'DynamoDB system errors', left: [tableErrors], width: 4 }),
      new GraphWidget({ title: 'DynamoDB throttles', left: [tableThrottles], width: 4 }),
      new GraphWidget({
        title: 'SES sent today vs quota',
        left: [
          sentToday,
          new MathExpression({
            expression: `${props.sesDailyQuota} + 0 * m`,
            usingMetrics: { m: sentToday },
            label: 'quota',
          }),
        ],
        width: 8,
      }),
    );
  }
}
