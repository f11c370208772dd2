import { readFile } from 'node:fs/promises';
import type { LocalSettings } from '#shared/config/local-settings.ts';
import { FeedParseError } from '#shared/feeds/feed-errors.ts';
import { fetchFeed } from '#shared/feeds/fetch-feed.ts';
import { parseFeed } from '#shared/feeds/parse-feed.ts';
import { SourceFetchError } from '#shared/security/source-fetch-error.ts';
import type { CommandModule } from './usage/command.ts';
import type { ParseInput } from './usage/parse.ts';

/** Cannot read the input at all: one line on stderr, exit 1. */
export class InputError extends Error {
  override readonly name = 'InputError';
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

export const expectedErrors: CommandModule<ParseInput>['expectedErrors'] = [
  InputError,
  FeedParseError,
  SourceFetchError,
];

/** Print one feed's normalized events as a JSON array; problems with single entries go to stderr. */
export async function run(
  { input, fromMs, toMs, timeZone }: ParseInput,
  _settings: LocalSettings,
): Promise<number> {
  const { body, contentType } = await readInput(input);
  const feed = parseFeed(body, {
    contentType,
    window: { fromMs, toMs },
    defaultTimeZone: timeZone,
    location: input,
  });
  for (const problem of feed.problems) {
    process.stderr.write(`warning: ${problem.entry ? `${problem.entry}: ` : ''}${problem.message}\n`);
  }
  process.stdout.write(`${JSON.stringify(feed.events, null, 2)}\n`);
  return 0;
}
