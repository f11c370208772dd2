import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { type Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  /** Subscribed by email when given (the address must confirm the subscription). */
  readonly email: string | null;
}

/**
 * Where every alarm goes: an SNS topic, encrypted and TLS-only. Capabilities call `watchErrors` and
 * `watchDeadLetters` on what they build, so a failure never passes silently.
 */
export class AlarmTopic extends Construct {
  readonly topic: Topic;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    const cloudWatch = new ServicePrincipal('cloudwatch.amazonaws.com');
    // A customer managed key because CloudWatch cannot publish to a topic under the AWS managed aws/sns key:
    // that key's policy cannot be changed to let CloudWatch use it. SNS keeps no messages at rest, so the key
    // may go with the stack.
    this.key = new Key(this, 'Key', {
      description: 'Encrypts the Trellis alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [cloudWatch],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Trellis alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    // The topic policy replaces SNS's default one, so alarms of this account are allowed explicitly.
    const { account, region, partition } = Stack.of(this);
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowAlarmsOfThisAccount',
        principals: [cloudWatch],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` },
        },
      }),
    );
    if (props.email !== null) this.topic.addSubscription(new EmailSubscription(props.email));
  }

  /** Alarms when the function reports any error within five minutes (thrown, timed out, or out of memory). */
  watchErrors(fn: IFunction): Alarm {
    const alarm = fn
      .metricErrors({ period: Duration.minutes(5), statistic: 'Sum' })
      .createAlarm(fn, 'ErrorsAlarm', {
        alarmDescription: `${fn.node.path} failed at least once in 5 minutes; see its log group.`,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    this.notify(alarm);
    return alarm;
  }

  /** Alarms as soon as one message lands in the dead-letter queue: work that failed every retry. */
  watchDeadLetters(deadLetterQueue: IQueue): Alarm {
    const alarm = deadLetterQueue
      .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' })
      .createAlarm(deadLetterQueue, 'DepthAlarm', {
        alarmDescription: `${deadLetterQueue.node.path} holds messages that failed every retry; inspect and redrive.`,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    this.notify(alarm);
    return alarm;
  }

  notify(alarm: Alarm): void {
    alarm.addAlarmAction(new SnsAction(this.topic));
  }
}
