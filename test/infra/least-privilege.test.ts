import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionWithLogGroup } from '../../infra/constructs/function-with-log-group.ts';
import { actionsOf, allowedActions, resourcesOf, type Statement, statementsOf } from './iam-statements.ts';
import { loadTrellis, logicalIdOf, type SynthesizedTrellis } from './synth-trellis.ts';

describe('least privilege', () => {
  let trellis: SynthesizedTrellis;
  let dispatch: Statement[];
  let feed: Statement[];
  let ids: { queue: string; inviteQueue: string };
  /** Every function with its statements and its own log group, ingestion's first. */
  let all: { name: string; statements: Statement[]; logGroup: string }[];

  beforeAll(() => {
    trellis = loadTrellis();
    const { ingestion, web, digests, mail, calendar, reminders } = trellis.stacks.service;
    const statementsOfFunction = (fn: FunctionWithLogGroup) => {
      if (fn.role === undefined) throw new Error(`${fn.node.path} has no role`);
      return statementsOf(trellis.service, logicalIdOf(fn.role));
    };
    all = [
      ingestion.dispatch,
      ingestion.feed,
      web.api,
      digests.dispatch,
      digests.send,
      mail.events,
      calendar.feed,
      calendar.inviteSend,
      reminders.dispatch,
      reminders.send,
    ].map((fn) => ({
      name: fn.node.path,
      statements: statementsOfFunction(fn),
      logGroup: logicalIdOf(fn.logGroup),
    }));
    dispatch = statementsOfFunction(ingestion.dispatch);
    feed = statementsOfFunction(ingestion.feed);
    ids = { queue: logicalIdOf(ingestion.work.queue), inviteQueue: logicalIdOf(calendar.invites.queue) };
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
      'dynamodb:ConditionCheckItem',
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

  it('lets ingest-feed consume the ingest queue and send to the invite queue only', () => {
    const sqsGrants = feed
      .filter((statement) => actionsOf(statement).some((action) => action.startsWith('sqs:')))
      .map((statement) => [actionsOf(statement), resourcesOf(statement)]);
    expect(sqsGrants).toEqual([
      [
        ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
        [{ 'Fn::GetAtt': [ids.inviteQueue, 'Arn'] }],
      ],
      [
        [
          'sqs:ChangeMessageVisibility',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
          'sqs:ReceiveMessage',
        ],
        [{ 'Fn::GetAtt': [ids.queue, 'Arn'] }],
      ],
    ]);
  });

  it('names every DynamoDB resource: the table and its three indexes, no wildcard', () => {
    for (const statement of all.flatMap((fn) => fn.statements)) {
      if (!actionsOf(statement).some((action) => action.startsWith('dynamodb:'))) continue;
      const resources = JSON.stringify(resourcesOf(statement));
      expect(resources.includes('*'), resources).toBe(false);
    }
    const readResources = feed.find((statement) => actionsOf(statement).includes('dynamodb:Query'));
    expect(JSON.stringify(readResources?.Resource).match(/\/index\/[a-z0-9]+/g)).toEqual([
      '/index/gsi1',
      '/index/gsi2',
      '/index/gsi3',
    ]);
  });

  it('lets each function write only to its own log group', () => {
    for (const { name, statements, logGroup } of all) {
      const logging = statements.filter((statement) =>
        actionsOf(statement).some((a) => a.startsWith('logs:')),
      );
      expect(
        logging.map((statement) => [actionsOf(statement), resourcesOf(statement)]),
        name,
      ).toEqual([[['logs:CreateLogStream', 'logs:PutLogEvents'], [{ 'Fn::GetAtt': [logGroup, 'Arn'] }]]]);
    }
  });

  it('allows `Resource: *` only for the X-Ray tracing actions and SES GetAccount', () => {
    const wildcard = all
      .flatMap((fn) => fn.statements)
      .filter((statement) => resourcesOf(statement).includes('*'));
    expect(new Set(wildcard.flatMap(actionsOf))).toEqual(
      new Set(['xray:PutTelemetryRecords', 'xray:PutTraceSegments', 'ses:GetAccount']),
    );
  });

  it('grants no action with a wildcard in it', () => {
    const actions = allowedActions(all.flatMap((fn) => fn.statements));
    expect(actions.filter((action) => action.includes('*'))).toEqual([]);
  });

  it('attaches no AWS managed policy to any role', () => {
    const roles = Object.values(trellis.service.findResources('AWS::IAM::Role'));
    expect(roles).toHaveLength(10);
    for (const role of roles) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });
});
