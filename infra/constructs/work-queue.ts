import { Duration } from 'aws-cdk-lib';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AlarmTopic } from './alarm-topic.ts';

export interface WorkQueueProps {
  /** The function that drains the queue; its timeout sets the queue's visibility timeout. */
  readonly consumer: LambdaFunction;
  readonly batchSize: number;
  readonly maxBatchingWindow: Duration;
  /** How many concurrent consumers the queue may drive (at least 2). */
  readonly maxConcurrency: number;
  readonly alarms: AlarmTopic;
}

/**
 * Receives before a message goes to the dead-letter queue: 5, as AWS advises for Lambda consumers, so a
 * throttled or briefly failing consumer does not push good messages aside.
 */
const maxReceiveCount = 5;

/**
 * A queue drained by one function with partial batch responses: a failed message is retried alone, and after
 * five receives it moves to a dead-letter queue that raises an alarm. Shared by every dispatch → send pipeline.
 */
export class WorkQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    const consumerTimeout = props.consumer.timeout ?? Duration.seconds(3);
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Longer than the source queue's 4 days: a standard queue's message keeps its first enqueue time.
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's guidance for Lambda consumers: six times the function timeout plus the batching window, so a
      // message is not redelivered while a throttled or retried invocation still holds it.
      visibilityTimeout: Duration.seconds(
        consumerTimeout.toSeconds() * 6 + props.maxBatchingWindow.toSeconds(),
      ),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount },
    });
    props.consumer.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: props.batchSize,
        maxBatchingWindow: props.maxBatchingWindow,
        maxConcurrency: props.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
    props.alarms.watchDeadLetters(this.deadLetterQueue);
  }
}
