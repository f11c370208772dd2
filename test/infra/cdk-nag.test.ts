import { App, Stack, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTrellis, type SynthesizedTrellis } from './synth-trellis.ts';

/** Every acknowledged rule in the tree, as `path: rule id`, for review. */
function acknowledgements(root: IConstruct): string[] {
  return root.node
    .findAll()
    .flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) =>
          Object.keys(entry.data as Record<string, string>).map(
            (id) => `${construct.node.path}: ${id.replace(/^annotation::/i, '')}`,
          ),
        ),
    )
    .sort();
}

describe('cdk-nag AwsSolutions checks', () => {
  let trellis: SynthesizedTrellis;
  beforeAll(() => {
    // The run's synth (global-setup.ts) was like `cdk synth`: the registered AwsSolutions plugin and CloudFormation's
    // template validation both ran, and either would have thrown on an error. These checks look at the tree itself.
    trellis = loadTrellis();
  });
  afterAll(() => trellis?.dispose());

  it('finds nothing unacknowledged in the data stack', () => {
    expect(new AwsSolutionsChecks().validateScope(trellis.stacks.data).violations).toEqual([]);
  });

  it('finds nothing unacknowledged in the service stack, warnings included', () => {
    expect(new AwsSolutionsChecks().validateScope(trellis.stacks.service).violations).toEqual([]);
  });

  it('acknowledges only the pinned Node 22 runtime and the X-Ray wildcard per function, SES GetAccount for the bulk senders, the public $default, calendar and topic feed routes, the hand-rotated link secret and the on-failure queue', () => {
    expect(acknowledgements(trellis.app)).toEqual([
      'TrellisData/LinkSecret/Secret: AwsSolutions-SMG4',
      'TrellisService/Calendar/Feed: AwsSolutions-L1',
      'TrellisService/Calendar/FeedRole/TracingPolicy: AwsSolutions-IAM5[Resource::*]',
      'TrellisService/Calendar/InviteSend: AwsSolutions-L1',
      'TrellisService/Calendar/InviteSendRole/TracingPolicy: AwsSolutions-IAM5[Resource::*]',
      'TrellisService/Digests/Dispatch: AwsSolutions-L1',
      'TrellisService/Digests/DispatchRole/TracingPolicy: AwsSolutions-IAM5[Resource::*]',
      'TrellisService/Digests/Send/SesAccountPolicy: AwsSolutions-IAM5[Resource::*]',
      'TrellisService/Digests/Send: AwsSolutions-L1',
      'TrellisService/Digests/SendRole/TracingPolicy: AwsSolutions-IAM5[Resource::*]',
      'TrellisService/Ingestion/Dispatch: AwsSolutions-L1',
      'TrellisService/Ingestion/DispatchRole/TracingPolicy: AwsSolutions-IAM5[Resource::*]',
      'TrellisService/Ingestion/Feed: AwsSolutions-L1',
      'TrellisService/Ingestion/FeedRole/TracingPolicy: AwsSolutions-IAM5[Resource::*]',
      'TrellisService/Mail/Events: AwsSolutions-L1',
      'TrellisService/Mail/EventsRole/TracingPolicy: AwsSolutions-IAM5[Resource::*]',
      'TrellisService/Mail/FailedEvents: AwsSolutions-SQS3',
      'TrellisService/Reminders/Dispatch: AwsSolutions-L1',
      'TrellisService/Reminders/DispatchRole/TracingPolicy: AwsSolutions-IAM5[Resource::*]',
      'TrellisService/Reminders/Send/SesAccountPolicy: AwsSolutions-IAM5[Resource::*]',
      'TrellisService/Reminders/Send: AwsSolutions-L1',
      'TrellisService/Reminders/SendRole/TracingPolicy: AwsSolutions-IAM5[Resource::*]',
      'TrellisService/Web/Api: AwsSolutions-L1',
      'TrellisService/Web/ApiRole/TracingPolicy: AwsSolutions-IAM5[Resource::*]',
      'TrellisService/Web/HttpApi/CalendarFeedGet: AwsSolutions-APIG4',
      'TrellisService/Web/HttpApi/CalendarFeedHead: AwsSolutions-APIG4',
      'TrellisService/Web/HttpApi/DefaultRoute: AwsSolutions-APIG4',
      'TrellisService/Web/HttpApi/TopicFeedGet: AwsSolutions-APIG4',
      'TrellisService/Web/HttpApi/TopicFeedHead: AwsSolutions-APIG4',
    ]);
  });

  it('gives every acknowledgement a reason of at least one sentence', () => {
    const reasons = trellis.app.node
      .findAll()
      .flatMap((construct) => construct.node.metadata)
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.values(entry.data as Record<string, string>));
    expect(reasons).toHaveLength(29);
    for (const reason of reasons) expect(reason.length).toBeGreaterThan(60);
  });
});

describe('cdk-nag wiring', () => {
  it('fails the synth of an app whose queue is unencrypted, TLS-optional and without a DLQ', () => {
    const app = new App();
    const stack = new Stack(app, 'Careless');
    new Queue(stack, 'Queue', { encryption: QueueEncryption.UNENCRYPTED });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS2/);
    let report = '';
    try {
      app.synth({ force: true });
    } catch (error) {
      report = String(error);
    }
    expect(
      ['AwsSolutions-SQS2', 'AwsSolutions-SQS3', 'AwsSolutions-SQS4'].filter((id) => report.includes(id)),
    ).toEqual(['AwsSolutions-SQS2', 'AwsSolutions-SQS3', 'AwsSolutions-SQS4']);
  });
});
