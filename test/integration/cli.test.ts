import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const cli = fileURLToPath(new URL('../../bin/trellis.ts', import.meta.url));

function trellis(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { env: { ...process.env, ...env }, timeout: 30_000 },
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

const calendar = `BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//EN\r
BEGIN:VEVENT\r
UID:standup@test\r
DTSTART;TZID=America/New_York:20300301T090000\r
DTEND;TZID=America/New_York:20300301T093000\r
RRULE:FREQ=WEEKLY;COUNT=3\r
SUMMARY:Mentor office hours\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:broken@test\r
SUMMARY:No start\r
END:VEVENT\r
END:VCALENDAR\r
`;

let dir: string;
let server: Server;
let feedUrl: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trellis-cli-'));
  await writeFile(join(dir, 'feed.ics'), calendar);
  await writeFile(join(dir, 'not-a-feed.txt'), 'hello, this is not a feed');
  server = createServer((_request, response) =>
    response.writeHead(200, { 'content-type': 'text/plain' }).end(calendar),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.ics`;
});

afterAll(async () => {
  server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('trellis parse', () => {
  it('prints the expanded occurrences in [from, to) as JSON, DST-correct, with entry problems on stderr', async () => {
    const result = await trellis([
      'parse',
      join(dir, 'feed.ics'),
      '--from',
      '2030-03-01',
      '--to',
      '2030-03-16',
    ]);
    expect(result.code).toBe(0);
    const events = JSON.parse(result.stdout) as {
      start: string;
      end: string;
      timeZone: string;
      allDay: boolean;
      status: string;
    }[];
    // New York moves to daylight time on 2030-03-10: 09:00 local is 14:00Z before and 13:00Z after.
    expect(events.map((event) => [event.start, event.end])).toEqual([
      ['2030-03-01T14:00:00Z', '2030-03-01T14:30:00Z'],
      ['2030-03-08T14:00:00Z', '2030-03-08T14:30:00Z'],
      ['2030-03-15T13:00:00Z', '2030-03-15T13:30:00Z'],
    ]);
    expect(events[0]).toMatchObject({ timeZone: 'America/New_York', allDay: false, status: 'confirmed' });
    expect(new Set(events.map((event) => (event as unknown as { id: string }).id)).size).toBe(3);
    expect(result.stderr).toMatch(/^warning: broken@test: /m);
  });

  it('excludes an occurrence that starts exactly at --to', async () => {
    const result = await trellis([
      'parse',
      join(dir, 'feed.ics'),
      '--from',
      '2030-03-01',
      '--to',
      '2030-03-15T13:00:00Z',
    ]);
    expect((JSON.parse(result.stdout) as unknown[]).length).toBe(2);
  });

  it('reads a feed from a URL', async () => {
    const result = await trellis(['parse', feedUrl, '--from', '2030-03-01', '--to', '2030-04-01']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as unknown[]).length).toBe(3);
  });

  it('exits non-zero with one clear line for unreadable input', async () => {
    const missing = await trellis(['parse', join(dir, 'nope.ics')]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr.trim().split('\n')).toEqual([
      `trellis: cannot read ${join(dir, 'nope.ics')}: no such file`,
    ]);

    const notFeed = await trellis(['parse', join(dir, 'not-a-feed.txt')]);
    expect(notFeed.code).toBe(1);
    expect(notFeed.stderr.trim().split('\n')).toHaveLength(1);
    expect(notFeed.stderr).toMatch(/^trellis: not a recognised feed/);
  });

  it('rejects a malformed --from with a usage error', async () => {
    const result = await trellis(['parse', join(dir, 'feed.ics'), '--from', 'last tuesday']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--from must be an ISO date or date-time, got 'last tuesday'");
  });
});

describe('trellis sources and ingest on the local data folder', () => {
  // Each command starts DynamoDB Local on the data folder and stops it: a few seconds a command.
  it('adds a source, ingests it and lists its health', { timeout: 120_000 }, async () => {
    const env = {
      TRELLIS_DATA_DIR: join(dir, 'data'),
      TRELLIS_ALLOW_LOOPBACK_FEEDS: '1',
      TRELLIS_FEEDS_PORT: '0',
    };
    const added = await trellis(
      [
        'sources',
        'add',
        feedUrl,
        '--kind',
        'mentorship-program',
        '--org',
        'Open Mentors',
        '--tags',
        'mentorship',
      ],
      env,
    );
    expect(added.code).toBe(0);
    const id = /added (src_[0-9a-f]{12})/.exec(added.stdout)?.[1];
    expect(id).toBeDefined();

    const again = await trellis(['sources', 'add', feedUrl, '--kind', 'mentorship-program'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');

    const invalid = await trellis(['sources', 'add', 'ftp://example.org/x', '--kind', 'party'], env);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('<url>: must be an http or https URL');
    expect(invalid.stderr).toContain('--kind:');

    const ingested = await trellis(['ingest', '--source', String(id)], env);
    expect(ingested.code).toBe(0);
    expect(ingested.stdout).toContain(`${id}: `);
    expect(ingested.stdout).toContain('from icalendar');

    const listed = await trellis(['sources', 'list', '--json'], env);
    const [source] = JSON.parse(listed.stdout) as {
      id: string;
      organization: string;
      health: { lastFormat: string; lastProblemCount: number };
    }[];
    expect(source).toMatchObject({
      id,
      organization: 'Open Mentors',
      health: { lastFormat: 'icalendar', lastProblemCount: 1 },
    });
  });
});

describe('trellis users and digest', () => {
  it('adds, updates, lists and removes readers, with per-field errors, and previews a digest without sending', async () => {
    // On the run's DynamoDB Local: the JVM per command is tried by the test above.
    const env = {
      TRELLIS_DATA_DIR: join(dir, 'users-data'),
      TRELLIS_DYNAMO_ENDPOINT: inject('dynamoEndpoint'),
      TABLE_NAME: 'cli-users',
    };
    const added = await trellis(
      [
        'users',
        'add',
        'Lea@Example.org',
        '--tz',
        'Europe/Vienna',
        '--topics',
        'kubernetes,security',
        '--city',
        'Vienna/Austria',
        '--confirmed',
      ],
      env,
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('lea@example.org');
    expect(added.stdout).toContain('subscribed');

    const invalid = await trellis(
      ['users', 'add', 'kim@example.org', '--tz', 'Mars/Base', '--topics', 'knitting', '--hour', '25'],
      env,
    );
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('--tz: must be an IANA time zone');
    expect(invalid.stderr).toContain('--topics:');
    expect(invalid.stderr).toContain('--hour:');

    const updated = await trellis(
      [
        'users',
        'update',
        'lea@example.org',
        '--day',
        'friday',
        '--hour',
        '17',
        '--reminder-hour',
        '7',
        '--pause',
      ],
      env,
    );
    expect(updated.code).toBe(0);
    expect(updated.stdout).toContain('friday 17:00 Europe/Vienna');
    expect(updated.stdout).toContain('paused');

    const listed = JSON.parse((await trellis(['users', 'list', '--json'], env)).stdout) as {
      email: string;
      paused: boolean;
      reminderHour: number;
      places: unknown[];
    }[];
    expect(listed).toMatchObject([
      {
        email: 'lea@example.org',
        paused: true,
        reminderHour: 7,
        places: [{ kind: 'city', city: 'Vienna', country: 'Austria' }],
      },
    ]);

    const preview = await trellis(['digest', '--user', 'lea@example.org', '--dry-run'], env);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(preview.stdout).toMatch(/^To: lea@example.org/m);

    const noInbox = await trellis(['digest', '--user', 'lea@example.org'], env);
    expect(noInbox.code).toBe(1);
    expect(noInbox.stderr).toContain('start it with `npm start` first');

    expect((await trellis(['users', 'remove', 'lea@example.org'], env)).code).toBe(0);
    expect((await trellis(['users', 'remove', 'lea@example.org'], env)).stderr).toContain(
      'no user lea@example.org',
    );
  });
});
