/**
 * One dispatcher "deployment" for the scale bench, in its own process so the bench can kill it for real
 * (SIGKILL, no cleanup): the very handler `functions/<name>-dispatch.ts` that Lambda runs, loaded and
 * invoked as `trellis dev` does (the SDK pointed at DynamoDB Local and the local SQS endpoint through
 * AWS_ENDPOINT_URL_*), with a Lambda context whose remaining time counts down from the deployed
 * timeout. When an invocation stops for time with work left, it is invoked again with the next
 * schedule tick's event (15 minutes later), as EventBridge would, until a run completes.
 *
 * Arguments: `digest|reminder <event time ISO> <timeout ms>`; the environment carries TABLE_NAME,
 * DIGEST_QUEUE_URL or REMINDER_QUEUE_URL and the endpoints. Prints one JSON line per step on stdout:
 * `{"step":"start"}` just before the first invocation, then one per invocation.
 */
import { randomUUID } from 'node:crypto';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { localLambdaContext } from '../../shared/local/lambda-context.ts';

interface DispatchResult {
  readonly enqueued: number;
  readonly reachedMs: number | null;
  readonly complete: boolean;
}
type DispatchHandler = (event: ScheduledEvent, context: Context) => Promise<DispatchResult>;

const [dispatcher = 'digest', firstTime = new Date().toISOString(), timeoutArg = '300000'] =
  process.argv.slice(2);
const timeoutMs = Number(timeoutArg);
const scheduleStepMs = 15 * 60_000;

const scheduledEvent = (time: number): ScheduledEvent => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  time: new Date(time).toISOString(),
  region: 'us-east-1',
  resources: [`arn:aws:events:us-east-1:000000000000:rule/trellis-${dispatcher}-schedule`],
  detail: {},
});

const handler: DispatchHandler =
  dispatcher === 'reminder'
    ? (await import('../../functions/reminder-dispatch.ts')).handler
    : (await import('../../functions/digest-dispatch.ts')).handler;

const print = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

let time = Date.parse(firstTime);
print({ step: 'start' });
for (let invocation = 1; invocation <= 50; invocation += 1) {
  const started = performance.now();
  const result = await handler(scheduledEvent(time), localLambdaContext(`${dispatcher}-dispatch`, timeoutMs));
  const ms = performance.now() - started;
  // Lambda would have ended an invocation that ran past its timeout (the local context does not).
  print({ step: 'invocation', invocation, ms, overTimeout: ms > timeoutMs, ...result });
  if (result.complete) break;
  time += scheduleStepMs;
}
