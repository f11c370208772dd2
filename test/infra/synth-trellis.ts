import { readFileSync, rmSync } from 'node:fs';
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { addTrellisStacks, type TrellisStacks } from '../../infra/stacks/trellis-stacks.ts';

/** The context `cdk synth` gets from cdk.json (feature flags), so tests build what the CLI builds. */
const cdkJsonContext = (
  JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

/** Like an offline `cdk synth`: the CLI supplies a region, no account. */
const offlineEnv = { CDK_DEFAULT_REGION: 'eu-west-1' };

export interface SynthesizedTrellis {
  readonly app: App;
  readonly stacks: TrellisStacks;
  readonly data: Template;
  readonly service: Template;
  /** Removes the cloud assembly (bundles included) from the temp folder. */
  dispose(): void;
}

export interface SynthOptions {
  /**
   * CDK's built-in CloudFormation template validation, on in `cdk synth`. It costs ~2.5 s of CPU per synth, so
   * only the test that stands for `cdk synth` (cdk-nag.test.ts) turns it on; cdk-nag runs in every synth.
   */
  readonly builtinCloudFormationValidation?: boolean;
}

/** Builds and synthesizes the whole app once (bundling both functions, running cdk-nag). */
export function synthTrellis(
  context: Record<string, string> = {},
  options: SynthOptions = {},
): SynthesizedTrellis {
  const app = new App({
    context: { ...cdkJsonContext, ...context },
    builtinCloudFormationValidation: options.builtinCloudFormationValidation ?? false,
  });
  const dispose = () => rmSync(app.outdir, { recursive: true, force: true });
  try {
    const stacks = addTrellisStacks(app, offlineEnv);
    return {
      app,
      stacks,
      data: Template.fromStack(stacks.data),
      service: Template.fromStack(stacks.service),
      dispose,
    };
  } catch (error) {
    dispose();
    throw error;
  }
}

/** The logical ID of an L2 construct's CloudFormation resource in its stack's template. */
export function logicalIdOf(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}
