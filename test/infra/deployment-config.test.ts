import { RemovalPolicy } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InfraConfigError, readInfraConfig } from '../../infra/config.ts';
import { logicalIdOf, type SynthesizedTrellis, synthTrellis } from './synth-trellis.ts';

const contextOf =
  (values: Record<string, unknown>) =>
  (key: string): unknown =>
    values[key];

describe('readInfraConfig', () => {
  it('defaults to a dev stage with no alarm email, no log level, and log groups deleted with the stack', () => {
    expect(readInfraConfig(contextOf({}), {})).toEqual({
      stage: 'dev',
      alarmEmail: null,
      logLevel: null,
      logRemovalPolicy: RemovalPolicy.DESTROY,
      account: undefined,
      region: undefined,
    });
  });

  it('keeps log groups of the prod stage and takes account and region from the CDK default environment', () => {
    const config = readInfraConfig(
      contextOf({ stage: 'prod', alarmEmail: ' ops@example.com ', logLevel: 'debug' }),
      {
        CDK_DEFAULT_ACCOUNT: '123456789012',
        CDK_DEFAULT_REGION: 'eu-west-1',
      },
    );
    expect(config).toEqual({
      stage: 'prod',
      alarmEmail: 'ops@example.com',
      logLevel: 'debug',
      logRemovalPolicy: RemovalPolicy.RETAIN,
      account: '123456789012',
      region: 'eu-west-1',
    });
  });

  it('treats empty `-c stage=` and `-c alarmEmail=` as not given', () => {
    const config = readInfraConfig(contextOf({ stage: '', alarmEmail: '' }), {});
    expect([config.stage, config.alarmEmail]).toEqual(['dev', null]);
  });

  it('names every invalid value in one error', () => {
    const read = () =>
      readInfraConfig(contextOf({ stage: 'Prod!', alarmEmail: 'ops', logLevel: 'loud' }), {});
    expect(read).toThrow(InfraConfigError);
    expect(read).toThrow(
      'invalid CDK context: stage: stage must be 1-20 lowercase letters, digits or dashes, starting with a letter; ' +
        'alarmEmail: alarmEmail must be an email address; logLevel: logLevel must be debug, info, warn or error',
    );
  });
});

describe('a prod deployment with an alarm email and a log level', () => {
  let trellis: SynthesizedTrellis;
  beforeAll(() => {
    trellis = synthTrellis({ stage: 'prod', alarmEmail: 'ops@example.com', logLevel: 'warn' });
  });
  afterAll(() => trellis?.dispose());

  it('names the stacks after the stage and tags them', () => {
    const { data, service } = trellis.stacks;
    expect([data.stackName, service.stackName]).toEqual(['trellis-prod-data', 'trellis-prod-service']);
    expect(data.tags.tagValues()).toEqual({ app: 'trellis', stage: 'prod' });
    expect(service.tags.tagValues()).toEqual({ app: 'trellis', stage: 'prod' });
  });

  it('emails alarms to the given address', () => {
    trellis.service.resourceCountIs('AWS::SNS::Subscription', 1);
    trellis.service.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
      TopicArn: { Ref: logicalIdOf(trellis.stacks.service.alarms.topic) },
    });
  });

  it('retains every function log group and the API access logs when the service stack is deleted', () => {
    const logGroups = Object.values(trellis.service.findResources('AWS::Logs::LogGroup'));
    expect(logGroups.map((logGroup) => [logGroup.DeletionPolicy, logGroup.UpdateReplacePolicy])).toEqual([
      ['Retain', 'Retain'],
      ['Retain', 'Retain'],
      ['Retain', 'Retain'],
      ['Retain', 'Retain'],
    ]);
  });

  it('sets LOG_LEVEL on every function', () => {
    const functions = Object.values(trellis.service.findResources('AWS::Lambda::Function'));
    expect(functions.map((fn) => fn.Properties.Environment.Variables.LOG_LEVEL)).toEqual([
      'warn',
      'warn',
      'warn',
    ]);
  });

  it('still passes the AwsSolutions checks', () => {
    for (const stack of [trellis.stacks.data, trellis.stacks.service]) {
      expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
    }
  });
});
