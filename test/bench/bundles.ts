import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { esbuildOptionsFor, functionEntry, repoRoot, sourceMapEnvironment } from '../../infra/bundling.ts';
import { median, round } from './bench-stats.ts';

/** Variables every handler reads at import; values never used (nothing is called). */
const handlerEnvironment = {
  TABLE_NAME: 'bench',
  INGEST_QUEUE_URL: 'http://127.0.0.1:9/000000000000/bench',
  DIGEST_QUEUE_URL: 'http://127.0.0.1:9/000000000000/bench-digest',
  INVITE_QUEUE_URL: 'http://127.0.0.1:9/000000000000/bench-invite',
  REMINDER_QUEUE_URL: 'http://127.0.0.1:9/000000000000/bench-reminder',
  MAIL_FROM: 'Trellis <digest@trellis.test>',
  PUBLIC_BASE_URL: 'https://trellis.test',
  LINK_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:bench',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
};

/** One cold process: load the bundle, touch its handler, report the import time; the parent times the whole process. */
const loader = `
const started = performance.now();
const module = await import(process.argv[1]);
if (typeof module.handler !== 'function') throw new Error('no handler');
process.stdout.write(String(performance.now() - started));
`;

function coldStart(bundle: string): Promise<{ processMs: number; importMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', loader, pathToFileURL(bundle).href], {
      env: { ...process.env, ...handlerEnvironment, ...sourceMapEnvironment },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`cold start of ${bundle} exited ${code}`));
      else resolve({ processMs: performance.now() - started, importMs: Number(output) });
    });
  });
}

export interface BundleFigures {
  readonly sizes: Record<string, number>;
  readonly coldStart: Record<string, { processMs: number; importMs: number }>;
  readonly ratioVsHello: Record<string, number>;
  readonly importRatioVsHello: Record<string, number>;
  /** Against a minimal middy handler that only builds the DynamoDB client: what Trellis adds on top of the SDK. */
  readonly ratioVsDynamoHello: Record<string, number>;
}

export async function measureBundles(outDir: string, runs = 9): Promise<BundleFigures> {
  const names = (await readdir(join(repoRoot, 'functions')))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => basename(file, '.ts'));
  const entries: Record<string, string> = {
    hello: join(repoRoot, 'test/bench/hello-handler.ts'),
    'hello-dynamodb': join(repoRoot, 'test/bench/hello-dynamodb-handler.ts'),
  };
  for (const name of names) entries[name] = functionEntry(name);
  const bundles: Record<string, string> = {};
  const sizes: Record<string, number> = {};
  for (const [name, entry] of Object.entries(entries)) {
    const outfile = join(outDir, name, 'index.mjs');
    await build(esbuildOptionsFor(entry, outfile));
    bundles[name] = outfile;
    sizes[name] = round((await stat(outfile)).size / 1024, 1);
  }
  const samples: Record<string, { processMs: number[]; importMs: number[] }> = {};
  for (let run = 0; run < runs; run += 1) {
    // Interleaved, so a busy moment on the machine hits every bundle alike.
    for (const [name, bundle] of Object.entries(bundles)) {
      const sample = await coldStart(bundle);
      samples[name] ??= { processMs: [], importMs: [] };
      samples[name].processMs.push(sample.processMs);
      samples[name].importMs.push(sample.importMs);
    }
  }
  const coldStartFigures: Record<string, { processMs: number; importMs: number }> = {};
  for (const [name, sample] of Object.entries(samples)) {
    coldStartFigures[name] = {
      processMs: round(median(sample.processMs), 1),
      importMs: round(median(sample.importMs), 1),
    };
  }
  const hello = coldStartFigures.hello ?? { processMs: 1, importMs: 1 };
  const dynamoHello = coldStartFigures['hello-dynamodb'] ?? hello;
  const ratioVsHello: Record<string, number> = {};
  const importRatioVsHello: Record<string, number> = {};
  const ratioVsDynamoHello: Record<string, number> = {};
  for (const name of [...names, 'hello-dynamodb']) {
    const figures = coldStartFigures[name];
    if (!figures) continue;
    ratioVsHello[name] = round(figures.processMs / hello.processMs);
    importRatioVsHello[name] = round(figures.importMs / hello.importMs);
    if (name !== 'hello-dynamodb')
      ratioVsDynamoHello[name] = round(figures.processMs / dynamoHello.processMs);
  }
  return { sizes, coldStart: coldStartFigures, ratioVsHello, importRatioVsHello, ratioVsDynamoHello };
}
