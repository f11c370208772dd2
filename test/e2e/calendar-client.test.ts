import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localLinkSecret } from '../../bin/local/link-secret-file.ts';
import { type RunningDev, startDev } from '../../bin/local/run-dev.ts';
import { type CalendarUrls, rotateCalendarUrl } from '../../shared/calendar/calendar-subscription.ts';
import type { StoredEvent } from '../../shared/events/stored-event.ts';
import { silentLogger } from '../../shared/log/logger.ts';
import { calendarTokenKey } from '../../shared/security/calendar-token.ts';
import { buildSource } from '../../shared/sources/new-source.ts';
import { createCalendarStore } from '../../shared/store/calendar-store.ts';
import { createDocumentClient } from '../../shared/store/dynamo-client.ts';
import { createSavedEventStore } from '../../shared/store/saved-event-store.ts';
import { createSourceRepository } from '../../shared/store/source-repository.ts';
import { createUserRepository } from '../../shared/store/user-repository.ts';
import { khalConfig, vdirsyncerConfig } from './client-configs.ts';
import { basicDate, nextSpringChanges } from './next-spring-changes.ts';
import { clientEnvironment, runTool, runToolOrFail, toolVersion } from './run-tool.ts';
import { type FixtureFeedServer, serveFixtureFeed } from './serve-fixture-feed.ts';

/*
 * A real calendar client subscribes to a user's Trellis feed: vdirsyncer fetches the secret URL over
 * loopback into a folder, khal shows it in the user's zone (Europe/Berlin). The saved events sit on both
 * sides of the next spring daylight-saving changes, US (second Sunday of March) and EU (last Sunday).
 */

const tableName = 'trellis';
const user = 'ana@example.org';
const userZone = 'Europe/Berlin';
const toolTimeoutMs = 60_000;
const lineFormat = '{start-date} {start-time}-{end-time} {title}';
const changes = nextSpringChanges(new Date());

let root: string;
let env: NodeJS.ProcessEnv;
let feed: FixtureFeedServer | undefined;
let dev: RunningDev | undefined;
let client: ReturnType<typeof createDocumentClient> | undefined;
let userId: string;
let urls: CalendarUrls;
/** The demo feeds' dates count from the UTC day they were rendered on. */
let demoToday: DateTime;
let vdirPath: string;
let vdirsyncerConfigPath: string;
let khalConfigPath: string;

function running(): RunningDev {
  if (!dev) throw new Error('trellis dev did not start');
  return dev;
}

function documentClient() {
  if (!client) throw new Error('trellis dev did not start');
  return client;
}

const vdirsyncer = (configPath: string, ...args: string[]) =>
  runTool('vdirsyncer', ['--config', configPath, ...args], { env, timeoutMs: toolTimeoutMs });

/** A new subscription as a user sets it up: configure, `vdirsyncer discover`, `vdirsyncer sync`. */
async function subscribe(pair: string, feedUrl: string) {
  const vdir = join(root, 'calendars', pair);
  const configPath = join(root, `vdirsyncer-${pair}.conf`);
  await mkdir(vdir, { recursive: true });
  await writeFile(
    configPath,
    vdirsyncerConfig({ statusPath: join(root, 'vdirsyncer-status', pair), pair, feedUrl, vdirPath: vdir }),
  );
  for (const step of [['discover', pair], ['sync']]) {
    const result = await vdirsyncer(configPath, ...step);
    if (result.exitCode !== 0)
      throw new Error(
        `vdirsyncer ${step.join(' ')} exited with ${result.exitCode}:\n${result.stdout}\n${result.stderr}`,
      );
  }
  return { vdir, configPath };
}

/** `khal list from to` in the user's zone, one line per event, without the day headings. */
async function khalList(from: string, to: string): Promise<string[]> {
  const output = await runToolOrFail(
    'khal',
    ['-c', khalConfigPath, 'list', '--format', lineFormat, '--day-format', '', from, to],
    { env, timeoutMs: toolTimeoutMs },
  );
  return output.split('\n').filter((line) => line.trim() !== '');
}

async function eventsFromApi(from: string, to: string): Promise<StoredEvent[]> {
  const response = await fetch(
    `${running().apiUrl}/api/events?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
  );
  if (response.status !== 200)
    throw new Error(`GET /api/events: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { events: StoredEvent[] }).events;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'trellis-e2e-'));
  env = await clientEnvironment(root, userZone);
  // Fail at once, with the install hint, when a client is missing.
  await toolVersion('khal', env);
  await toolVersion('vdirsyncer', env);

  feed = await serveFixtureFeed(new URL('../fixtures/e2e/dst-changes.ics', import.meta.url), {
    'us-before': basicDate(changes.usBefore),
    'us-after': basicDate(changes.usAfter),
    'eu-before': basicDate(changes.euBefore),
    'eu-after': basicDate(changes.euAfter),
  });
  dev = await startDev(
    {
      dataDir: join(root, 'trellis'),
      host: '127.0.0.1',
      apiPort: 0,
      dynamoPort: 0,
      dynamoEndpoint: null,
      sesPort: 0,
      feedsPort: 0,
      ingestEveryMinutes: 60,
      allowLoopbackFeeds: true,
      tableName,
      logLevel: 'error',
    },
    silentLogger,
  );
  client = createDocumentClient({ endpoint: dev.dynamoEndpoint });
  const source = buildSource(
    { url: feed.url, kind: 'industry-event', organization: 'DST Test Calendar', timeZone: null },
    new Date(),
  );
  await createSourceRepository(client, tableName).create(source);
  demoToday = DateTime.utc().startOf('day');
  await dev.ingestNow();

  const dstEvents = (
    await eventsFromApi(`${changes.usBefore}T00:00:00Z`, `${changes.euAfter}T23:59:59Z`)
  ).filter((event) => event.sources.some((link) => link.sourceId === source.id));
  if (dstEvents.length !== 4)
    throw new Error(
      `expected the 4 events of the DST feed in the store, found ${JSON.stringify(dstEvents, null, 2)}`,
    );
  const profile = await createUserRepository(client, tableName).getByEmail(user);
  if (!profile) throw new Error(`no demo user ${user}`);
  userId = profile.id;
  const saved = createSavedEventStore(client, tableName);
  for (const event of dstEvents) await saved.save(userId, event.id, new Date());
  await createCalendarStore(client, tableName).invalidate(userId);
  urls = await dev.calendarUrlsFor(user);

  const subscription = await subscribe('trellis', urls.https);
  vdirPath = subscription.vdir;
  vdirsyncerConfigPath = subscription.configPath;
  khalConfigPath = join(root, 'khal.conf');
  await writeFile(
    khalConfigPath,
    khalConfig({
      calendar: 'trellis',
      vdirPath,
      timeZone: userZone,
      databasePath: join(root, 'khal.db'),
    }),
  );
}, 180_000);

afterAll(async () => {
  client?.destroy();
  await dev?.stop();
  await feed?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('a real calendar client subscribed to the Trellis feed (vdirsyncer + khal)', () => {
  it('shows saved events at the right Berlin times on both sides of the US and EU DST changes', async () => {
    // In 2027: 13 and 15 March around the US change, 27 and 29 March around the EU change.
    // Matched demo events may share these days when they are less than eight weeks away.
    const lines = (await khalList(changes.usBefore, changes.euAfter)).filter((line) =>
      line.endsWith(' the change'),
    );
    expect(lines).toEqual([
      // 09:00 EST is 14:00 UTC, 15:00 CET.
      `${changes.usBefore} 15:00-16:00 New York Saturday before the change`,
      // 09:00 EDT is 13:00 UTC, 14:00 CET: New York has changed, Berlin has not yet.
      `${changes.usAfter} 14:00-15:00 New York Monday after the change`,
      // 10:00 CET is 09:00 UTC, 10:00 CEST is 08:00 UTC: the same wall time on both sides.
      `${changes.euBefore} 10:00-11:00 Berlin Saturday before the change`,
      `${changes.euAfter} 10:00-11:00 Berlin Monday after the change`,
    ]);
  });

  it('shows the matched demo events of the next eight weeks at the times their feed gives', async () => {
    const lines = await khalList(
      demoToday.toFormat('yyyy-LL-dd'),
      demoToday.plus({ days: 56 }).toFormat('yyyy-LL-dd'),
    );
    expect(lines).toContain(
      `${demoToday.plus({ days: 6 }).toFormat('yyyy-LL-dd')} 09:30-17:00 Platform Engineering Day`,
    );
    const meetups = lines.filter((line) => line.includes('Kubernetes Berlin Meetup'));
    expect(meetups.length).toBeGreaterThan(0);
    for (const meetup of meetups)
      expect(meetup).toMatch(
        meetup.includes('special') ? / 18:30-21:00 Kubernetes/ : / 19:00-21:00 Kubernetes Berlin Meetup$/,
      );
  });

  it('stops serving the old URL after a rotation, so a sync against it fails with 404', async () => {
    const linkSecret = Buffer.from(await localLinkSecret(join(root, 'trellis')), 'utf8');
    const rotated = await rotateCalendarUrl(
      {
        calendars: createCalendarStore(documentClient(), tableName),
        tokenKey: async () => calendarTokenKey(linkSecret),
        publicBaseUrl: running().apiUrl,
      },
      userId,
      new Date(),
    );
    expect(rotated.https).not.toBe(urls.https);

    // At debug level vdirsyncer logs each request and its status; by default only the reason phrase.
    const stale = await vdirsyncer(vdirsyncerConfigPath, '--verbosity', 'debug', 'sync');
    const output = `${stale.stdout}${stale.stderr}`;
    expect(stale.exitCode).not.toBe(0);
    expect(output).toContain(`debug: GET ${urls.https}\n`);
    expect(output).toMatch(/^debug: 404$/m);
    expect(output).toContain('error: Unknown error occurred for trellis: Not Found');

    const renewed = await subscribe('renewed', rotated.https);
    expect((await readdir(renewed.vdir)).sort()).toEqual((await readdir(vdirPath)).sort());
  });
});
