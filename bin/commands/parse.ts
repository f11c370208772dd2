import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { fetchFeed } from '#shared/feeds/fetch-feed.ts';
import { parseFeed } from '#shared/feeds/parse-feed.ts';
import { UsageError } from './usage-error.ts';

export const parseUsage = 'trellis parse <file-or-url|-> [--from ISO] [--to ISO] [--tz IANA-ZONE]';

/** Cannot read the input at all: one line on stderr, exit 1. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

const dayMs = 86_400_000;

function instantOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms))
    throw new UsageError(`--${name} must be an ISO date or date-time, got '${value}'`);
  return ms;
}

async function readInput(input: string): Promise<{ body: Uint8Array; contentType: string | null }> {
  if (input === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return { body: Buffer.concat(chunks), contentType: null };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
    // The operator's own machine: loopback URLs are fine here; private networks and metadata still are not.
    const result = await fetchFeed(input, { loopback: 'allow' });
    if (result.status === 'not-modified')
      throw new InputError(`${input} answered 304 Not Modified to an unconditional request`);
    return { body: result.body, contentType: result.contentType };
  }
  try {
    return { body: await readFile(input), contentType: null };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : String((error as Error).message);
    throw new InputError(`cannot read ${input}: ${reason}`);
  }
}

/** Print one feed's normalized events as a JSON array; problems with single entries go to stderr. */
export async function runParse(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { from: { type: 'string' }, to: { type: 'string' }, tz: { type: 'string' } },
  });
  const [input, ...extra] = positionals;
  if (!input || extra.length > 0) throw new UsageError('parse takes exactly one file, URL or -');
  const now = Date.now();
  const fromMs = instantOption('from', values.from, now);
  const toMs = instantOption('to', values.to, fromMs + 120 * dayMs);
  if (toMs <= fromMs) throw new UsageError('--to must be after --from');
  const { body, contentType } = await readInput(input);
  const feed = parseFeed(body, { contentType, window: { fromMs, toMs }, defaultTimeZone: values.tz ?? null });
  for (const problem of feed.problems) {
    process.stderr.write(`warning: ${problem.entry ? `${problem.entry}: ` : ''}${problem.message}\n`);
  }
  process.stdout.write(`${JSON.stringify(feed.events, null, 2)}\n`);
  return 0;
}
