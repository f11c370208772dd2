import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, allowedActions, resourcesOf, type Statement, statementsOf } from './iam-statements.ts';
import { logicalIdOf, type SynthesizedTrellis, synthTrellis } from './synth-trellis.ts';

describe('least privilege', () => {
  let trellis: SynthesizedTrellis;
  let dispatch: Statement[];
  let feed: Statement[];
  let api: Statement[];
  let ids: { queue: string; dispatchLogs: string; feedLogs: string; apiLogs: string };

  beforeAll(() => {
    trellis = synthTrellis();
    const { ingestion, web } = trellis.stacks.service;
    const roleId = (fn: typeof ingestion.dispatch) => {
      if (fn.role === undefined) throw new Error(`${fn.node.path} has no role`);
      return logicalIdOf(fn.role);
    };
    dispatch = statementsOf(trellis.service, roleId(ingestion.dispatch));
    feed = statementsOf(trellis.service, roleId(ingestion.feed));
    api = statementsOf(trellis.service, roleId(web.api));
    ids = {
      queue: logicalIdOf(ingestion.work.queue),
      dispatchLogs: logicalIdOf(ingestion.dispatch.logGroup),
      feedLogs: logicalIdOf(ingestion.feed.logGroup),
      apiLogs: logicalIdOf(web.api.logGroup),
    };
  });
  afterAll(() => trellis?.dispose());

  it('lets ingest-dispatch read the table but never write it', () => {
    expect(allowedActions(dispatch).filter((action) => action.startsWith('dynamodb:'))).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
    ]);
  });

  it('lets ingest-feed read and write items of the table', () => {
    expect(allowedActions(feed).filter((action) => action.startsWith('dynamodb:'))).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
  });

  it('lets ingest-dispatch send to the ingest queue only', () => {
    const sending = dispatch.filter((statement) => actionsOf(statement).includes('sqs:SendMessage'));
    expect(sending.map(resourcesOf)).toEqual([[{ 'Fn::GetAtt': [ids.queue, 'Arn'] }]]);
  });

  it('lets ingest-feed consume the ingest queue but send to no queue', () => {
    expect(allowedActions(feed).filter((action) => action.startsWith('sqs:'))).toEqual([
      'sqs:ChangeMessageVisibility',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:ReceiveMessage',
    ]);
  });

  it('names every DynamoDB resource: the table and its two indexes, no wildcard', () => {
    for (const statement of [...dispatch, ...feed, ...api]) {
      if (!actionsOf(statement).some((action) => action.startsWith('dynamodb:'))) continue;
      const resources = JSON.stringify(resourcesOf(statement));
      expect(resources.includes('*'), resources).toBe(false);
    }
    const readResources = feed.find((statement) => actionsOf(statement).includes('dynamodb:Query'));
    expect(JSON.stringify(readResources?.Resource).match(/\/index\/[a-z0-9]+/g)).toEqual([
      '/index/gsi1',
      '/index/gsi2',
    ]);
  });

  it('lets each function write only to its own log group', () => {
    for (const [statements, logGroupId] of [
      [dispatch, ids.dispatchLogs],
      [feed, ids.feedLogs],
      [api, ids.apiLogs],
    ] as const) {
      const logging = statements.filter((statement) =>
        actionsOf(statement).some((a) => a.startsWith('logs:')),
      );
      expect(logging.map((statement) => [actionsOf(statement), resourcesOf(statement)])).toEqual([
        [['logs:CreateLogStream', 'logs:PutLogEvents'], [{ 'Fn::GetAtt': [logGroupId, 'Arn'] }]],
      ]);
    }
  });

  it('allows `Resource: *` only for the X-Ray tracing actions', () => {
    const wildcard = [...dispatch, ...feed, ...api].filter((statement) =>
      resourcesOf(statement).includes('*'),
    );
    expect(new Set(wildcard.flatMap(actionsOf))).toEqual(
      new Set(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']),
    );
  });

  it('attaches no AWS managed policy to any role', () => {
    const roles = Object.values(trellis.service.findResources('AWS::IAM::Role'));
    expect(roles).toHaveLength(3);
    for (const role of roles) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });
});
