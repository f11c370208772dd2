import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readInfraConfig } from '../config.ts';
import { TrellisDataStack } from './trellis-data-stack.ts';
import { TrellisServiceStack } from './trellis-service-stack.ts';

export interface TrellisStacks {
  readonly data: TrellisDataStack;
  readonly service: TrellisServiceStack;
}

/**
 * The whole app on an `App`: configuration read from its context, both stacks, and cdk-nag's AwsSolutions
 * checks, which fail the synth on any unacknowledged finding. `infra/app.ts` and the infra tests both build
 * through here, so the tests check what `cdk synth` produces.
 */
export function addTrellisStacks(
  app: App,
  env: Readonly<Record<string, string | undefined>> = process.env,
): TrellisStacks {
  const config = readInfraConfig((key) => app.node.tryGetContext(key), env);
  const common = {
    env: { account: config.account, region: config.region },
    tags: { app: 'trellis', stage: config.stage },
  };
  const data = new TrellisDataStack(app, 'TrellisData', {
    ...common,
    stackName: `trellis-${config.stage}-data`,
    description: 'Trellis stateful resources: the DynamoDB table and the link-signing secret',
  });
  const service = new TrellisServiceStack(app, 'TrellisService', {
    ...common,
    stackName: `trellis-${config.stage}-service`,
    description:
      'Trellis stateless resources: functions, queues, schedules, HTTP API, SES configuration, alarms',
    table: data.table,
    linkSecret: data.linkSecret,
    config,
  });
  // cdk-nag 3 runs as a validation plugin rather than an aspect (its README: "Validations.of(app).addPlugins").
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { data, service };
}
