/**
 * `node test/bench/run-bundles.ts [--sdk-bundled] [--runs N]`: only the bundle part of `npm run bench`, sizes,
 * composition and cold starts. `--sdk-bundled` bundles `@aws-sdk/*` into every function instead of using the
 * runtime's copy, to compare.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../../infra/bundling.ts';
import { measureBundles } from './bundles.ts';

const argv = process.argv.slice(2);
const runs = Number(argv[argv.indexOf('--runs') + 1]) || 9;
await mkdir(join(repoRoot, '.bench-tmp'), { recursive: true });
const outDir = await mkdtemp(join(repoRoot, '.bench-tmp', 'bundles-'));
try {
  const figures = await measureBundles(outDir, {
    runs,
    ...(argv.includes('--sdk-bundled') ? { external: [] } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  if (argv.includes('--composition'))
    for (const [name, text] of Object.entries(figures.composition)) process.stdout.write(`${name}${text}\n`);
  for (const [name, kb] of Object.entries(figures.sizes))
    process.stdout.write(`${name.padEnd(36)} ${kb} KB\n`);
  for (const [name, cold] of Object.entries(figures.coldStart)) {
    const ratio = figures.ratioVsSdkHello[name];
    const whole = figures.firstInvocationRatioVsSdkHello[name];
    process.stdout.write(
      `${name.padEnd(36)} import ${cold.importMs}  first call ${cold.firstCallMs}  first invocation ${cold.firstInvocationMs} ms${ratio ? `  ratio ${ratio} (whole first invocation ${whole})` : ''}\n`,
    );
  }
  process.stdout.write(
    `bundle.max_kb ${figures.maxKb}  tracing chunk ${figures.tracingChunkKb} KB  coldstart.ratio_vs_sdk_hello ${figures.maxRatioVsSdkHello}\n`,
  );
} finally {
  await rm(outDir, { recursive: true, force: true });
}
