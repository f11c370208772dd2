import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildTrellisApp } from './trellis-app.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Directory of the cloud assembly synthesized once for the infra run (cdk.json context, functions bundled). */
    trellisAssembly: string;
  }
}

/**
 * Synthesizes the app once per infra run, as `cdk synth` does: every function bundled by esbuild, and cdk-nag's
 * AwsSolutions plugin and CloudFormation's template validation on, either of which fails the run with its report.
 * Test files read templates and bundles from this assembly (synth-trellis.ts) instead of bundling again.
 */
export default function setup(project: TestProject): () => void {
  const outdir = mkdtempSync(join(tmpdir(), 'trellis-assembly-'));
  const dispose = () => rmSync(outdir, { recursive: true, force: true });
  try {
    buildTrellisApp({}, { outdir, builtinCloudFormationValidation: true }).app.synth();
  } catch (error) {
    dispose();
    throw error;
  }
  project.provide('trellisAssembly', outdir);
  return dispose;
}
