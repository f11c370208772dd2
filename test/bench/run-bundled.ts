import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { esbuildOptionsFor, gazetteerFile, repoRoot } from '../../infra/bundling.ts';

/**
 * Runs a bench worker the way Lambda runs a function: bundled by esbuild with the functions' options
 * and started as plain JavaScript, so its memory figures are not inflated by Node's type stripping.
 * Resolves with the JSON line it prints.
 */
export async function runBundledWorker(
  entry: string,
  env: Record<string, string>,
): Promise<Record<string, unknown>> {
  // Inside the checkout: the bundle leaves @aws-sdk/* to the runtime (as Lambda's nodejs22.x provides
  // it), and here the runtime's copy is the project's node_modules.
  await mkdir(join(repoRoot, '.bench-tmp'), { recursive: true });
  const dir = await mkdtemp(join(repoRoot, '.bench-tmp', 'worker-'));
  try {
    const outfile = join(dir, 'worker.mjs');
    await build({ ...esbuildOptionsFor(entry, outfile), sourcemap: false });
    await copyFile(gazetteerFile, join(dir, 'cities15000.tsv'));
    return await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [outfile], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.on('close', (code) =>
        code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`${entry} exited ${code}`)),
      );
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
