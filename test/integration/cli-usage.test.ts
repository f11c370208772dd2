import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const cli = fileURLToPath(new URL('../../bin/trellis.ts', import.meta.url));
const commands = [
  'dev',
  'sources',
  'ingest',
  'parse',
  'users',
  'contacts',
  'people',
  'digest',
  'reminders',
  'calendar',
  'save',
];

let dir: string;
let recorder: string;
const tableName = `cli-usage-${randomUUID().slice(0, 8)}`;

// Records every module URL the CLI resolves (in-thread module hooks), to show what a command line loaded.
const recorderSource = `import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
registerHooks({
  resolve(specifier, context, next) {
    const result = next(specifier, context);
    appendFileSync(process.env.TRELLIS_TEST_MODULE_LOG, result.url + '\\n');
    return result;
  },
});
`;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function trellis(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      {
        env: {
          ...process.env,
          TRELLIS_DATA_DIR: join(dir, 'data'),
          TRELLIS_DYNAMO_ENDPOINT: inject('dynamoEndpoint'),
          TABLE_NAME: tableName,
          ...env,
        },
        timeout: 30_000,
      },
      (error, stdout, stderr) => {
        resolve({
          code: error ? Number((error as NodeJS.ErrnoException & { code?: number }).code ?? 1) : 0,
          stdout,
          stderr,
        });
      },
    );
  });
}

/** The modules a command line resolved, with its result. */
async function modulesLoadedBy(args: string[]): Promise<{ result: Result; modules: string[] }> {
  const log = join(dir, `modules-${randomUUID()}.log`);
  await writeFile(log, '');
  const result = await trellis(args, {
    NODE_OPTIONS: `--import ${pathToFileURL(recorder).href}`,
    TRELLIS_TEST_MODULE_LOG: log,
  });
  return { result, modules: (await readFile(log, 'utf8')).split('\n').filter(Boolean) };
}

const heavy = (modules: string[]) =>
  modules.filter((url) => /\/node_modules\/(@aws-sdk|zod|luxon)\/|\/shared\//.test(url));

const lines = (text: string) => text.trimEnd().split('\n');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trellis-cli-usage-'));
  recorder = join(dir, 'record-modules.mjs');
  await writeFile(recorder, recorderSource);
  await writeFile(join(dir, 'feed.ics'), 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('trellis --help', () => {
  it('lists every command, the same for --help, -h and help; with no arguments too, but exits 2', async () => {
    const help = await trellis(['--help']);
    expect(help.code).toBe(0);
    expect(help.stderr).toBe('');
    for (const command of commands) expect(help.stdout).toContain(`trellis ${command} `);
    expect(help.stdout).toContain('trellis <command> --help');

    for (const args of [['-h'], ['help']]) expect(await trellis(args)).toEqual(help);
    expect(await trellis([])).toEqual({ ...help, code: 2 });
  });

  it.each(commands)('trellis %s --help shows that command only', async (command) => {
    const help = await trellis([command, '--help']);
    expect(help.code).toBe(0);
    expect(help.stderr).toBe('');
    expect(lines(help.stdout)[0]).toBe('usage:');
    expect(help.stdout).toContain(`trellis ${command} `);
    for (const other of commands.filter((name) => name !== command))
      expect(help.stdout).not.toContain(`trellis ${other} `);
    expect(await trellis(['help', command])).toEqual(help);
    // The help flag wins wherever it stands, before running anything.
    expect(await trellis([command, 'add', '--user', 'x@example.org', '-h'])).toEqual(help);
  });
});

describe('usage errors', () => {
  it.each([
    [['calendar'], 'calendar needs an action: url or rotate', 'calendar'],
    [['contacts', 'list'], '--user EMAIL is required', 'contacts'],
    [['contacts', 'add', '--user', 'a@example.org', '--name'], '--name needs a value', 'contacts'],
    [
      ['contacts', 'snooze', '--user', 'a@example.org', '--contact', 'c', '--days', '0'],
      "--days takes a whole number from 1 to 365, got '0'",
      'contacts',
    ],
    [['users', 'add'], 'users add takes exactly one email address', 'users'],
    [
      ['users', 'add', 'a@example.org', '--online', 'maybe'],
      "--online takes yes or no, got 'maybe'",
      'users',
    ],
    [
      ['parse', 'feed.ics', '--from', 'last tuesday'],
      "--from must be an ISO date or date-time, got 'last tuesday'",
      'parse',
    ],
    [['ingest', 'everything'], "unexpected argument 'everything'", 'ingest'],
    [['sources', 'list', '--json=yes'], '--json takes no value', 'sources'],
  ])('%j: one line and a pointer to the command help, exit 2', async (args, message, command) => {
    const result = await trellis(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toEqual([`trellis: ${message}`, `see \`trellis ${command} --help\``]);
  });

  it('an unknown command suggests the closest and points at the overview', async () => {
    const result = await trellis(['contatcs', 'list']);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      "trellis: unknown command 'contatcs' (did you mean 'contacts'?)",
      'see `trellis --help`',
    ]);
    expect(lines((await trellis(['frobnicate'])).stderr)[0]).toBe("trellis: unknown command 'frobnicate'");
  });

  it.each([
    [
      ['users', 'add', 'a@example.org', '--tzz', 'Europe/Vienna'],
      'unknown option --tzz (did you mean --tz?)',
      'users',
    ],
    [
      ['contacts', 'add', '--user', 'a@example.org', '--lats', '2026-01-01'],
      'unknown option --lats (did you mean --last?)',
      'contacts',
    ],
    [['digest', '--dryrun'], 'unknown option --dryrun (did you mean --dry-run?)', 'digest'],
    [
      ['sources', 'add', 'https://example.org/feed', '--knd', 'peer-group'],
      'unknown option --knd (did you mean --kind?)',
      'sources',
    ],
    [['calendar', 'url', '--xyzzy'], 'unknown option --xyzzy', 'calendar'],
  ])('%j: an unknown option suggests the closest one', async (args, message, command) => {
    const result = await trellis(args);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([`trellis: ${message}`, `see \`trellis ${command} --help\``]);
  });
});

describe('what the help and usage paths load', () => {
  it.each([
    [['--help']],
    [['users', '--help']],
    [['contacts', 'add', '--user', 'a@example.org', '--lats', '2026-01-01']],
    [['parse', 'feed.ics', '--from', 'last tuesday']],
  ])('%j loads no AWS SDK, zod, luxon or shared/ module', async (args) => {
    const { result, modules } = await modulesLoadedBy(args);
    expect(result.code).toBeLessThan(3);
    expect(modules.some((url) => url.endsWith('/bin/trellis.ts'))).toBe(true);
    expect(heavy(modules)).toEqual([]);
  });

  it('while running a command does load them (the recorder sees them)', async () => {
    const { result, modules } = await modulesLoadedBy(['parse', join(dir, 'feed.ics')]);
    expect(result.code).toBe(0);
    expect(heavy(modules).some((url) => url.includes('/shared/feeds/'))).toBe(true);
  });
});

describe('validation messages name the flag that was typed', () => {
  it('for a source, without schema text', async () => {
    const result = await trellis([
      'sources',
      'add',
      'ftp://example.org/feed',
      '--kind',
      'party',
      '--refresh',
      '5',
      '--tz',
      'Nowhere/City',
    ]);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      'trellis: invalid input: <url>: must be an http or https URL; ' +
        '--kind: must be one of industry-event, professional-org, mentorship-program, peer-group; ' +
        '--refresh: must be at least 15; --tz: must be an IANA time zone such as Europe/Berlin',
    ]);
  });

  it('for a reader and a contact', async () => {
    const zone = await trellis(['users', 'add', 'ana@example.org', '--tz', 'Nowhere/City', '--hour', '25']);
    expect(zone.code).toBe(2);
    expect(lines(zone.stderr)).toEqual([
      'trellis: invalid input: --tz: must be an IANA time zone such as Europe/Berlin; --hour: must be at most 23',
    ]);

    expect((await trellis(['users', 'add', 'ana@example.org', '--confirmed'])).code).toBe(0);
    const contact = ['contacts', 'add', '--user', 'ana@example.org', '--name', 'Mo'];
    const last = await trellis([...contact, '--relationship', 'peer', '--last', 'yesterday']);
    expect(last.code).toBe(2);
    expect(lines(last.stderr)).toEqual([
      'trellis: invalid input: --last: must be a real date like 2026-11-25',
    ]);

    const relationship = await trellis([...contact, '--relationship', 'boss']);
    expect(relationship.code).toBe(2);
    expect(lines(relationship.stderr)).toEqual([
      'trellis: invalid input: --relationship: must be one of mentor, mentee, peer, sponsor, potential-mentor, other',
    ]);

    const every = await trellis([
      ...contact,
      '--relationship',
      'peer',
      '--every',
      '400',
      '--topics',
      'knitting',
    ]);
    expect(every.code).toBe(2);
    expect(lines(every.stderr)).toHaveLength(1);
    expect(every.stderr).toMatch(/^trellis: invalid input: (.+; )?--every: must be at most 365(;|$)/m);
    expect(every.stderr).toMatch(/[:;] --topics: must be one of: /);
    for (const result of [zone, last, relationship, every])
      expect(result.stderr).not.toMatch(
        /timeZone|digestHour|lastContactedOn|cadence|Invalid option|expected/,
      );
  });
});
