import { rmSync } from 'node:fs';
import { type App, type CfnElement, CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';
import { inject } from 'vitest';
import type { TrellisStacks } from '../../infra/stacks/trellis-stacks.ts';
import { buildTrellisApp, withoutBundling } from './trellis-app.ts';

/**
 * A synthesized Trellis for assertions. The templates (and bundles) come from a cloud assembly; the construct tree
 * is there to name things by (logical IDs, construct paths, acknowledgements, cdk-nag's validateScope). The tree
 * is built without bundling: bundling only decides the code assets' hashes, never a logical ID.
 */
export interface SynthesizedTrellis {
  readonly app: App;
  readonly stacks: TrellisStacks;
  readonly assembly: CloudAssembly;
  readonly data: Template;
  readonly service: Template;
  /** Warnings the synth recorded on a stack, as construct path and text. */
  warningsOf(stack: Stack): { path: string; text: string }[];
  /** Removes what this helper wrote to the temp folder (never the run's shared assembly). */
  dispose(): void;
}

/**
 * The app with cdk.json's context as synthesized once for the run by global-setup.ts: bundled, checked by cdk-nag
 * and CloudFormation's validation, like `cdk synth`. Building the tree to name things by costs half a second.
 */
export function loadTrellis(): SynthesizedTrellis {
  const assembly = new CloudAssembly(inject('trellisAssembly'));
  return withTree(withoutBundling, (stacks) => {
    for (const stack of [stacks.data, stacks.service]) assertSameResources(stack, assembly);
    return assembly;
  });
}

/** An app with other context (a prod stage, a sender), synthesized here without bundling: no test reads its code. */
export function synthTrellis(context: Record<string, string>): SynthesizedTrellis {
  return withTree({ ...context, ...withoutBundling }, (_stacks, app) => app.synth());
}

function withTree(
  context: Record<string, unknown>,
  assemblyFor: (stacks: TrellisStacks, app: App) => CloudAssembly,
): SynthesizedTrellis {
  const { app, stacks } = buildTrellisApp(context);
  // The App made a temp folder of its own; a synth writes there.
  const dispose = () => rmSync(app.outdir, { recursive: true, force: true });
  try {
    const assembly = assemblyFor(stacks, app);
    const templateOf = (stack: Stack) =>
      Template.fromJSON(assembly.getStackArtifact(stack.artifactId).template);
    return {
      app,
      stacks,
      assembly,
      data: templateOf(stacks.data),
      service: templateOf(stacks.service),
      warningsOf: (stack) =>
        assembly
          .getStackArtifact(stack.artifactId)
          .messages.filter((message) => message.level === 'warning')
          .map((message) => ({ path: message.id, text: String(message.entry.data) })),
      dispose,
    };
  } catch (error) {
    dispose();
    throw error;
  }
}

/** Guards the tree-and-assembly pairing: both must hold the same resources under the same logical IDs. */
function assertSameResources(stack: Stack, assembly: CloudAssembly): void {
  const inTree = stack.node
    .findAll()
    .filter((construct) => CfnResource.isCfnResource(construct) && Stack.of(construct) === stack)
    .map((construct) => logicalIdOf(construct))
    .sort();
  const template = assembly.getStackArtifact(stack.artifactId).template as { Resources?: object };
  const inAssembly = Object.keys(template.Resources ?? {}).sort();
  if (JSON.stringify(inTree) !== JSON.stringify(inAssembly)) {
    throw new Error(
      `${stack.node.path}: the construct tree and the synthesized assembly differ; ` +
        `tree only: ${inTree.filter((id) => !inAssembly.includes(id)).join(', ') || '-'}; ` +
        `assembly only: ${inAssembly.filter((id) => !inTree.includes(id)).join(', ') || '-'}`,
    );
  }
}

/** The logical ID of a CloudFormation element, or of an L2 construct's default resource, in its stack's template. */
export function logicalIdOf(construct: IConstruct): string {
  const element = (
    CfnResource.isCfnResource(construct) ? construct : construct.node.defaultChild
  ) as CfnElement;
  return Stack.of(construct).getLogicalId(element);
}
