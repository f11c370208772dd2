/**
 * Only the scale part of `npm run bench`: `node test/bench/run-scale.ts [--readers N] [--no-reminders]
 * [--no-kill] [--timeout-ms MS] [--json]`. Defaults as in `npm run bench`: 100,000 readers, digests
 * and reminders each whole and killed halfway, the deployed 300 s budget (a short one, e.g. 20000,
 * makes the runs stop for time and be invoked again).
 */
import { measureScale, scaleFigures, scaleTargets } from './scale-bench.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const log = (line: string) => process.stderr.write(`${line}\n`);

const readers = Number(option('--readers') ?? 100_000);
const timeoutMs = option('--timeout-ms');
log(`scale: ${readers} readers due in one slot, dispatched through the local runtime…`);
const figures = scaleFigures(
  await measureScale({
    readers,
    reminders: !args.includes('--no-reminders'),
    kill: !args.includes('--no-kill'),
    ...(timeoutMs ? { timeoutMs: Number(timeoutMs) } : {}),
    log,
  }),
);
const width = Math.max(...Object.keys(figures).map((key) => key.length));
for (const [key, value] of Object.entries(figures)) {
  const target = scaleTargets[key] ? `   (target ${scaleTargets[key]})` : '';
  process.stdout.write(`${key.padEnd(width)}  ${value}${target}\n`);
}
if (args.includes('--json')) process.stdout.write(`${JSON.stringify(figures)}\n`);
