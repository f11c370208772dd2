import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTrellis, logicalIdOf, type SynthesizedTrellis } from './synth-trellis.ts';

describe('link-signing secret', () => {
  let trellis: SynthesizedTrellis;
  let secretId: string;
  beforeAll(() => {
    trellis = loadTrellis();
    secretId = logicalIdOf(trellis.stacks.data.linkSecret);
  });
  afterAll(() => trellis?.dispose());

  it('is generated at deploy time in the data stack: 64 letters and digits, never in the template', () => {
    trellis.data.resourceCountIs('AWS::SecretsManager::Secret', 1);
    const secret = trellis.data.findResources('AWS::SecretsManager::Secret')[secretId]?.Properties;
    expect(secret.GenerateSecretString).toEqual({
      PasswordLength: 64,
      ExcludePunctuation: true,
      IncludeSpace: false,
    });
    expect(secret.SecretString).toBeUndefined();
    trellis.service.resourceCountIs('AWS::SecretsManager::Secret', 0);
  });

  it('outlives its stack, so links in mails already sent keep working', () => {
    trellis.data.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('is not rotated on a schedule and has no resource policy', () => {
    trellis.data.resourceCountIs('AWS::SecretsManager::RotationSchedule', 0);
    trellis.data.resourceCountIs('AWS::SecretsManager::ResourcePolicy', 0);
  });

  it('outputs its ARN as LinkSecretArn for the rotation procedure', () => {
    expect(trellis.data.findOutputs('LinkSecretArn')).toEqual({
      LinkSecretArn: {
        Description: 'Secret holding the key of the signed links in mails (rotate by hand only)',
        Value: { Ref: secretId },
      },
    });
  });

  it('is readable by api, digest-send and reminder-send only (calendar-feed looks tokens up by hash), with GetSecretValue on that secret alone', () => {
    const { digests, web, reminders } = trellis.stacks.service;
    const roleOf = (fn: typeof web.api) => {
      if (fn.role === undefined) throw new Error(`${fn.node.path} has no role`);
      return { Ref: logicalIdOf(fn.role) };
    };
    const grants = Object.values(trellis.service.findResources('AWS::IAM::Policy')).flatMap((policy) =>
      (policy.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[])
        .filter((statement) => JSON.stringify(statement.Action).includes('secretsmanager:'))
        .map((statement) => ({ roles: policy.Properties.Roles, ...statement })),
    );
    const secretArn = { 'Fn::GetStackOutput': expect.objectContaining({ StackName: 'trellis-dev-data' }) };
    expect(grants).toEqual(
      [web.api, digests.send, reminders.send].map((fn) => ({
        roles: [roleOf(fn)],
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: secretArn,
      })),
    );
  });

  it('reaches the functions through the same data stack output that holds its ARN', () => {
    const { digests, web, reminders } = trellis.stacks.service;
    const functions = trellis.service.findResources('AWS::Lambda::Function');
    const outputNames = [web.api, digests.send, reminders.send].map((fn) => {
      const variables = functions[logicalIdOf(fn)]?.Properties.Environment.Variables;
      return (variables.LINK_SECRET_ARN as { 'Fn::GetStackOutput': { OutputName: string } })[
        'Fn::GetStackOutput'
      ].OutputName;
    });
    expect(new Set(outputNames).size).toBe(1);
    const [outputName = ''] = outputNames;
    expect(trellis.data.findOutputs(outputName)[outputName]).toEqual({ Value: { Ref: secretId } });
  });
});
