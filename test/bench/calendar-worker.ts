/**
 * One server of the calendar bench, in its own process (bundled like a Lambda, see calendar-bench.ts),
 * chosen by BENCH_ROLE:
 *   feed    the local HTTP API routing /cal/ to functions/calendar-feed.ts, wired as `trellis dev` wires
 *           them (bin/local/run-dev.ts), its DynamoDB being the DynamoDB Local at BENCH_DYNAMO_ENDPOINT
 *   static  Node's http serving the file BENCH_STATIC_FILE, as a plain static file server would
 *   dynamo  DynamoDB Local (in memory, a JVM child of this process) with the table; its CPU time is
 *           the JVM's, read from /proc, since DynamoDB is another machine on AWS
 * Protocol: one JSON line on stdout once listening ({ url }); a line `cpu` on stdin is answered with
 * this process's CPU time so far ({ cpuMs }); when stdin closes, the server stops and the process exits.
 */
import { once } from 'node:events';
import { createReadStream, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { startLocalHttpApi } from '../../shared/local/http-api-adapter.ts';
import type { LambdaHandler } from '../../shared/local/lambda-context.ts';
import { closeServer, listen } from '../../shared/local/listen.ts';
import { silentLogger } from '../../shared/log/logger.ts';
import { createTableIfMissing } from '../../shared/store/create-table.ts';

const role = process.env.BENCH_ROLE ?? 'feed';
const tableName = process.env.BENCH_TABLE ?? 'bench';
const stops: (() => Promise<void>)[] = [];
/** The JVM serving DynamoDB in the dynamo role: its CPU is what that role reports. */
let dynamoPid: number | null = null;

/** User + system CPU of another process, from /proc/<pid>/stat (clock ticks of 10 ms). */
function cpuMsOfProcess(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function startDynamo(): Promise<string> {
  // Imported only here, so the bundled roles never evaluate the launcher.
  const { startDynamoLocal } = await import('../../shared/local/dynamodb-local-server.ts');
  const dynamo = await startDynamoLocal({ port: 0 });
  dynamoPid = dynamo.pid;
  stops.push(() => dynamo.stop());
  const raw = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await createTableIfMissing(raw, tableName);
  raw.destroy();
  return dynamo.endpoint;
}

async function startFeed(): Promise<Record<string, string>> {
  const dynamoEndpoint = process.env.BENCH_DYNAMO_ENDPOINT ?? '';
  // The function reads its configuration at import, as in Lambda: set it first (as run-dev does).
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
    LOG_LEVEL: 'warn',
  });
  const { handler } = (await import('../../functions/calendar-feed.ts')) as {
    handler: LambdaHandler<APIGatewayProxyEventV2, APIGatewayProxyResultV2>;
  };
  const api = await startLocalHttpApi([{ pathPrefix: '/cal/', functionName: 'calendar-feed', handler }], {
    logger: silentLogger,
  });
  stops.push(() => api.stop());
  return { url: api.url };
}

/** What a static file server does per request: stat the file, send its headers, stream it. */
async function startStatic(): Promise<Record<string, string>> {
  const file = process.env.BENCH_STATIC_FILE ?? '';
  const server = createServer((request, response) => {
    stat(file).then(
      (info) => {
        response.writeHead(200, {
          'content-type': 'text/calendar; charset=utf-8',
          'content-length': info.size,
        });
        if (request.method === 'HEAD') response.end();
        else createReadStream(file).pipe(response);
      },
      () => response.writeHead(404).end(),
    );
  });
  const port = await listen(server, '127.0.0.1', 0, 'static file server');
  stops.push(() => closeServer(server));
  return { url: `http://127.0.0.1:${port}` };
}

const ready =
  role === 'static'
    ? await startStatic()
    : role === 'dynamo'
      ? { url: await startDynamo() }
      : await startFeed();
process.stdout.write(`${JSON.stringify(ready)}\n`);

const commands = createInterface({ input: process.stdin });
commands.on('line', (line) => {
  if (line.trim() !== 'cpu') return;
  const usage = process.cpuUsage();
  const cpuMs = dynamoPid ? cpuMsOfProcess(dynamoPid) : (usage.user + usage.system) / 1000;
  process.stdout.write(`${JSON.stringify({ cpuMs })}\n`);
});
await once(commands, 'close');
for (const stop of stops.reverse()) await stop();
process.exit(0);
