import { readFileSync } from 'node:fs';
import { App, type AppProps } from 'aws-cdk-lib';
import { addTrellisStacks, type TrellisStacks } from '../../infra/stacks/trellis-stacks.ts';

/** The context `cdk synth` gets from cdk.json (feature flags), so tests build what the CLI builds. */
const cdkJsonContext = (
  JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

/** Like an offline `cdk synth`: the CLI supplies a region, no account. */
const offlineEnv = { CDK_DEFAULT_REGION: 'eu-west-1' };

/**
 * Context that leaves the functions unbundled (their code assets get a placeholder hash): esbuild is most of the
 * cost of building the app, and only the run's one real synth (global-setup.ts) needs the bundles.
 */
export const withoutBundling = { 'aws:cdk:bundling-stacks': [] } as const;

export interface TrellisApp {
  readonly app: App;
  readonly stacks: TrellisStacks;
}

/** The whole app as infra/app.ts builds it, with `context` over cdk.json's. Synthesizes nothing yet. */
export function buildTrellisApp(
  context: Record<string, unknown> = {},
  props: Omit<AppProps, 'context'> = {},
): TrellisApp {
  const app = new App({
    builtinCloudFormationValidation: false,
    ...props,
    context: { ...cdkJsonContext, ...context },
  });
  return { app, stacks: addTrellisStacks(app, offlineEnv) };
}
