import { spawn } from 'node:child_process';
import { copyFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { analyzeMetafile, type BuildOptions, build } from 'esbuild';
import {
  esbuildOptionsFor,
  functionEntry,
  gazetteerFile,
  repoRoot,
  sourceMapEnvironment,
  tracingChunkOptionsFor,
} from '../../infra/bundling.ts';
import { startDynamoLocal } from '../../shared/local/dynamodb-local-server.ts';
import { createTableIfMissing } from '../../shared/store/create-table.ts';
import { median, round } from './bench-stats.ts';

/**
 * Bundle sizes and honest cold starts. Each function is bundled exactly as CDK ships it (infra/bundling.ts);
 * a fresh process imports the bundle and runs its FIRST invocation, whose first SDK call goes to DynamoDB Local.
 * Its baseline is a hello-world handler that builds the same SDK clients and makes one table read against the
 * same endpoint (test/bench/hello-*.ts), so the ratio is what Trellis adds on top of the SDK's own cold start.
 * The bundles go under the repository (`.bench-tmp/`) so that `@aws-sdk/*`, external as on Lambda, resolves from
 * node_modules as it does from the runtime's copy.
 */

const bench = 'http://127.0.0.1:9/000000000000';
export const handlerEnvironment = {
  TABLE_NAME: 'bench',
  INGEST_QUEUE_URL: `${bench}/bench`,
  DIGEST_QUEUE_URL: `${bench}/bench-digest`,
  INVITE_QUEUE_URL: `${bench}/bench-invite`,
  REMINDER_QUEUE_URL: `${bench}/bench-reminder`,
  MAIL_FROM: 'Trellis <digest@trellis.test>',
  PUBLIC_BASE_URL: 'https://trellis.test',
  // A value, as in local mode: there is no local Secrets Manager to fetch an ARN from.
  LINK_SECRET: 'bench-link-secret-bench-link-secret-0123',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  // As on Lambda: the function name is set, so logs are Powertools JSON and metrics EMF, both on stdout; X-Ray
  // tracing off (its cost is the tracing chunk's import, reported apart).
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
};

/**
 * Which hello-world is each function's baseline: the same SDK clients built (see each file) and the same first
 * table call (the operation the function's first invocation starts with against an empty table).
 */
const helloFor: Record<string, { readonly file: string; readonly call: string }> = {
  api: { file: 'hello-dynamodb-sesv2-sqs-secrets', call: 'Query' },
  'calendar-feed': { file: 'hello-dynamodb', call: 'GetItem' },
  'digest-dispatch': { file: 'hello-dynamodb-sqs', call: 'GetItem' },
  'digest-send': { file: 'hello-dynamodb-sesv2-sqs-secrets', call: 'BatchGetItem' },
  'ingest-dispatch': { file: 'hello-dynamodb-sqs', call: 'Query' },
  'ingest-feed': { file: 'hello-dynamodb-sqs', call: 'GetItem' },
  'invite-send': { file: 'hello-dynamodb-sesv2', call: 'GetItem' },
  'reminder-dispatch': { file: 'hello-dynamodb-sqs', call: 'GetItem' },
  'reminder-send': { file: 'hello-dynamodb-sesv2-sqs-secrets', call: 'BatchGetItem' },
  'ses-events': { file: 'hello-dynamodb', call: 'PutItem' },
};
const helloKey = (name: string): string => {
  const hello = helloFor[name] ?? { file: 'hello-dynamodb', call: 'GetItem' };
  return `${hello.file}:${hello.call}`;
};

const now = new Date().toISOString();
const sqs = (body: unknown) => ({
  Records: [
    {
      messageId: 'm1',
      receiptHandle: 'r1',
      body: JSON.stringify(body),
      attributes: {},
      eventSource: 'aws:sqs',
    },
  ],
});
const http = (path: string) => ({
  version: '2.0',
  routeKey: '$default',
  rawPath: path,
  rawQueryString: '',
  headers: { host: 'trellis.test', accept: 'text/html' },
  requestContext: {
    http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
  },
  isBase64Encoded: false,
});
const scheduled = { time: now, 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} };

/** Each function's first invocation: a real event whose handling reads the (empty) table. */
export const firstEvent: Record<string, unknown> = {
  api: http('/'),
  'calendar-feed': http(`/cal/${'A'.repeat(43)}.ics`),
  'digest-dispatch': scheduled,
  'digest-send': sqs({ userId: 'usr_0123456789abcdef', isoWeek: '2026-W48', dueAt: now }),
  'ingest-dispatch': scheduled,
  'ingest-feed': sqs({ sourceId: 'src_0123456789ab' }),
  'invite-send': sqs({ eventId: 'evt_0123456789abcdef0123' }),
  'reminder-dispatch': scheduled,
  'reminder-send': sqs({ userId: 'usr_0123456789abcdef', localDate: now.slice(0, 10), dueAt: now }),
  'ses-events': {
    Records: [
      {
        Sns: {
          MessageId: 'sns-1',
          Message: JSON.stringify({
            eventType: 'Bounce',
            mail: {
              destination: ['gone@trellis.test'],
              messageId: 'x',
              timestamp: now,
              source: 'digest@trellis.test',
            },
            bounce: {
              bounceType: 'Permanent',
              bounceSubType: 'General',
              bouncedRecipients: [{ emailAddress: 'gone@trellis.test' }],
              timestamp: now,
              feedbackId: 'f',
            },
          }),
        },
      },
    ],
  },
};

/**
 * One cold process: import the bundle, run its first invocation, report (in ms since the process started, which
 * `performance.now()` counts from) when the import was done, when the first SDK call's answer had arrived, and
 * when the invocation returned. The first call is seen by wrapping node:http's request before the bundle loads
 * (the SDK's HTTP handler calls it).
 */
export const loader = `
import http from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
let firstCallMs = null;
const request = http.request;
http.request = (...args) => {
  const outgoing = request(...args);
  outgoing.on('response', (response) => response.on('end', () => { firstCallMs ??= performance.now(); }));
  return outgoing;
};
syncBuiltinESMExports();
const imported = await import(process.argv[1]);
const importMs = performance.now();
if (typeof imported.handler !== 'function') throw new Error('no handler');
const context = { functionName: 'bench', functionVersion: '$LATEST', memoryLimitInMB: '512',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:bench', awsRequestId: 'bench-1',
  getRemainingTimeInMillis: () => 30000, callbackWaitsForEmptyEventLoop: true };
await imported.handler(JSON.parse(process.argv[2]), context);
const firstInvocationMs = performance.now();
if (firstCallMs === null) throw new Error('the first invocation made no SDK call');
process.stdout.write('\\n' + JSON.stringify({ importMs, firstCallMs, firstInvocationMs }));
process.exit(0);
`;

interface ColdStart {
  /** Process start to the bundle imported. */
  readonly importMs: number;
  /**
   * Process start to the first invocation's first SDK call answered: the cold start, compared with a hello that
   * builds the same clients and makes the same first call.
   */
  readonly firstCallMs: number;
  /** Process start to the first invocation's return: the above plus the rest of that invocation's own work. */
  readonly firstInvocationMs: number;
}

function coldStart(
  bundle: string,
  event: unknown,
  endpoint: string,
  extraEnv: Record<string, string> = {},
): Promise<ColdStart> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', loader, pathToFileURL(bundle).href, JSON.stringify(event ?? {})],
      {
        env: {
          ...process.env,
          ...handlerEnvironment,
          ...sourceMapEnvironment,
          AWS_ENDPOINT_URL_DYNAMODB: endpoint,
          ...extraEnv,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const last = output.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{"importMs"'))
        reject(
          new Error(`cold start of ${bundle} exited ${code}: ${errors.slice(-2000)}${output.slice(-500)}`),
        );
      else resolve(JSON.parse(last));
    });
  });
}

export interface BundleFigures {
  /** KB of each function's (and each hello's) index.mjs, minified. */
  readonly sizes: Record<string, number>;
  readonly maxKb: number;
  /** KB of the tracing chunk, loaded only where tracing is on. */
  readonly tracingChunkKb: number;
  /** The largest inputs of each function's bundle (esbuild's analyzeMetafile), for the report. */
  readonly composition: Record<string, string>;
  readonly coldStart: Record<string, ColdStart>;
  /** firstCallMs over the matching hello's, per function: the median of the ratios of adjacent pairs. */
  readonly ratioVsSdkHello: Record<string, number>;
  /** firstInvocationMs over the matching hello's: the whole first invocation, the function's own work included. */
  readonly firstInvocationRatioVsSdkHello: Record<string, number>;
  readonly maxRatioVsSdkHello: number;
}

async function bundle(options: BuildOptions): Promise<{ kb: number; analysis: string }> {
  const result = await build({ ...options, metafile: true });
  const analysis = await analyzeMetafile(result.metafile, { verbose: false });
  return { kb: round((await stat(String(options.outfile))).size / 1024, 1), analysis };
}

export async function measureBundles(
  outDir: string,
  options: { runs?: number; external?: string[]; log?: (line: string) => void } = {},
): Promise<BundleFigures> {
  const runs = options.runs ?? 9;
  const names = (await readdir(join(repoRoot, 'functions')))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => basename(file, '.ts'));
  const entries: Record<string, string> = {};
  for (const { file } of Object.values(helloFor))
    entries[file] = join(repoRoot, `test/bench/${file}-handler.ts`);
  for (const name of names) entries[name] = functionEntry(name);
  const bundles: Record<string, string> = {};
  const sizes: Record<string, number> = {};
  const composition: Record<string, string> = {};
  let tracingChunkKb = 0;
  for (const [name, entry] of Object.entries(entries)) {
    const outfile = join(outDir, name, 'index.mjs');
    const overrides = options.external ? { external: options.external } : {};
    const built = await bundle({ ...esbuildOptionsFor(entry, outfile), ...overrides });
    bundles[name] = outfile;
    sizes[name] = built.kb;
    // As deployed: the gazetteer file beside the bundle (infra/bundling.ts copies it after bundling).
    await copyFile(gazetteerFile, join(outDir, name, 'cities15000.tsv'));
    if (names.includes(name)) {
      composition[name] = built.analysis.split('\n').slice(0, 14).join('\n');
      tracingChunkKb = (await bundle(tracingChunkOptionsFor(join(outDir, name)))).kb;
    }
  }
  const dynamo = await startDynamoLocal({ port: 0 });
  const samples: Record<string, { importMs: number[]; firstCallMs: number[]; firstInvocationMs: number[] }> =
    {};
  const pairs: Record<string, { firstCall: number[]; firstInvocation: number[] }> = {};
  try {
    const raw = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    });
    await createTableIfMissing(raw, handlerEnvironment.TABLE_NAME);
    raw.destroy();
    const record = (name: string, sample: ColdStart) => {
      samples[name] ??= { importMs: [], firstCallMs: [], firstInvocationMs: [] };
      samples[name].importMs.push(sample.importMs);
      samples[name].firstCallMs.push(sample.firstCallMs);
      samples[name].firstInvocationMs.push(sample.firstInvocationMs);
    };
    for (let run = 0; run < runs + 1; run += 1) {
      // Each function right next to its hello (in turn first and second), so the machine's load, which drifts
      // while others work on it, hits both alike; the ratio is taken per pair. The first round only warms the
      // file cache and DynamoDB Local's JIT.
      for (const name of names) {
        const hello = helloKey(name);
        const [file = '', call = ''] = hello.split(':');
        const runHello = () =>
          coldStart(bundles[file] ?? '', null, dynamo.endpoint, { BENCH_FIRST_CALL: call });
        const runOwn = () => coldStart(bundles[name] ?? '', firstEvent[name], dynamo.endpoint);
        const helloFirst = (run + names.indexOf(name)) % 2 === 0;
        const first = await (helloFirst ? runHello() : runOwn());
        const second = await (helloFirst ? runOwn() : runHello());
        if (run === 0) continue;
        const [own, base] = helloFirst ? [second, first] : [first, second];
        record(name, own);
        record(hello, base);
        pairs[name] ??= { firstCall: [], firstInvocation: [] };
        pairs[name].firstCall.push(own.firstCallMs / base.firstCallMs);
        pairs[name].firstInvocation.push(own.firstInvocationMs / base.firstInvocationMs);
      }
      options.log?.(`  cold starts: round ${run + 1} of ${runs + 1}`);
    }
  } finally {
    await dynamo.stop();
  }
  const coldStarts: Record<string, ColdStart> = {};
  for (const [name, sample] of Object.entries(samples)) {
    coldStarts[name] = {
      importMs: round(median(sample.importMs), 1),
      firstCallMs: round(median(sample.firstCallMs), 1),
      firstInvocationMs: round(median(sample.firstInvocationMs), 1),
    };
  }
  const ratioVsSdkHello: Record<string, number> = {};
  const firstInvocationRatioVsSdkHello: Record<string, number> = {};
  for (const [name, ratios] of Object.entries(pairs)) {
    ratioVsSdkHello[name] = round(median(ratios.firstCall));
    firstInvocationRatioVsSdkHello[name] = round(median(ratios.firstInvocation));
  }
  return {
    sizes,
    maxKb: Math.max(...names.map((name) => sizes[name] ?? 0)),
    tracingChunkKb,
    composition,
    coldStart: coldStarts,
    ratioVsSdkHello,
    firstInvocationRatioVsSdkHello,
    maxRatioVsSdkHello: Math.max(...Object.values(ratioVsSdkHello)),
  };
}
