import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AlarmTopic } from './alarm-topic.ts';
import { bindQueueSender, bindTable } from './bindings.ts';
import { type FunctionDefaults, FunctionWithLogGroup } from './function-with-log-group.ts';
import { WorkQueue } from './work-queue.ts';

export interface IngestionProps {
  readonly table: ITable;
  /** Where `ingest-feed` queues the ids of saved events that changed, for invitation updates (`Calendar`). */
  readonly inviteQueue: IQueue;
  readonly alarms: AlarmTopic;
  readonly functionDefaults: FunctionDefaults;
}

/** How often the due sources are looked up and queued for fetching. */
const ingestSchedule = Schedule.rate(Duration.minutes(30));

/**
 * Feed ingestion: every 30 minutes `ingest-dispatch` reads which sources are due and queues one message per
 * source; `ingest-feed` fetches, parses and stores each, one source per invocation, and queues the saved events
 * that changed or were cancelled, so their attendees get invitation updates.
 */
export class Ingestion extends Construct {
  readonly dispatch: FunctionWithLogGroup;
  readonly feed: FunctionWithLogGroup;
  readonly work: WorkQueue;

  constructor(scope: Construct, id: string, props: IngestionProps) {
    super(scope, id);
    const { table, inviteQueue, alarms, functionDefaults } = props;

    this.feed = new FunctionWithLogGroup(this, 'Feed', {
      ...functionDefaults,
      name: 'ingest-feed',
      description: 'Fetches, parses and stores the feeds of queued sources',
      // Room for the largest feed the caps let through (5 MB, 5,000 events; bench peak 436 MB on the old
      // 20,000-event feed), so no feed runs its worker out of memory.
      memorySize: 1024,
      timeout: Duration.seconds(120),
    });
    bindTable({ fn: this.feed, table, accessMode: 'readWrite' });
    bindQueueSender({ fn: this.feed, queue: inviteQueue, urlVariable: 'INVITE_QUEUE_URL' });

    this.work = new WorkQueue(this, 'Work', {
      consumer: this.feed,
      // One source per invocation: a feed that crashes or times out its worker takes no neighbour with it
      // (and its own next run finds the attempt unfinished and backs off).
      batchSize: 1,
      maxBatchingWindow: Duration.seconds(0),
      // Caps parallel fetches so a burst of due sources neither floods feed hosts nor takes the account's
      // whole Lambda concurrency.
      maxConcurrency: 5,
      alarms,
    });

    this.dispatch = new FunctionWithLogGroup(this, 'Dispatch', {
      ...functionDefaults,
      name: 'ingest-dispatch',
      description: 'Queues one fetch per source that is due',
      memorySize: 256,
      timeout: Duration.seconds(30),
    });
    bindTable({ fn: this.dispatch, table, accessMode: 'read' });
    bindQueueSender({ fn: this.dispatch, queue: this.work.queue, urlVariable: 'INGEST_QUEUE_URL' });

    new Rule(this, 'Schedule', {
      description: 'Dispatches feed ingestion every 30 minutes',
      schedule: ingestSchedule,
      targets: [new LambdaFunction(this.dispatch, { retryAttempts: 2 })],
    });

    alarms.watchErrors(this.dispatch);
    alarms.watchErrors(this.feed);
  }
}
