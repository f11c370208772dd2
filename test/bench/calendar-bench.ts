/**
 * The calendar feed under load, against a static file server: a user with 500 saved events (so a
 * 500-event feed) served by functions/calendar-feed.ts through the local HTTP API, and the same bytes
 * served from a file by Node's http, both measured by the same load generator in the same run.
 *
 * Fairness:
 * - Each server runs alone in a child process, bundled like a Lambda (plain JavaScript). DynamoDB Local, the
 *   stand-in for DynamoDB, runs in a third process, as DynamoDB is another machine on AWS; its CPU
 *   time per request is reported next to the function's, so it is visible what dominates.
 * - The load generator runs here, in the bench process, and is the same for every run: `connections`
 *   keep-alive connections, each sending its next request as soon as the previous response has been
 *   read in full; latency is from sending a request to the end of its response.
 * - Every mode gets a one-second warm-up, then its measured seconds in one-second slices interleaved
 *   with the other modes (static, plain, 304, gzip, static, …), so a machine that gets busier
 *   meanwhile slows them all alike. The feed is rendered once before (the first request renders and
 *   stores it, as in production); every measured request serves the stored rendering. Loopback only.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { esbuildOptionsFor, gazetteerFile, repoRoot } from '../../infra/bundling.ts';
import { calendarUrlsFor } from '../../shared/calendar/calendar-subscription.ts';
import { contentHash, type SourceEventContent } from '../../shared/events/event-content.ts';
import { planSourceSync } from '../../shared/events/plan-source-sync.ts';
import { calendarTokenKey } from '../../shared/security/calendar-token.ts';
import { createCalendarStore } from '../../shared/store/calendar-store.ts';
import { createDocumentClient } from '../../shared/store/dynamo-client.ts';
import { createEventStore } from '../../shared/store/event-store.ts';
import { createSavedEventStore } from '../../shared/store/saved-event-store.ts';
import { createUserRepository } from '../../shared/store/user-repository.ts';
import { buildUserProfile } from '../../shared/users/profile-input.ts';
import { round } from './bench-stats.ts';
import { BENCH_NOW, generateMatchingEvents } from './matching-bench.ts';

export interface CalendarLoad {
  readonly requests: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** CPU time of the serving process per request (feed: HTTP adapter + function + SDK). */
  readonly serverCpuMs: number;
  /** CPU time of DynamoDB Local per request (0 for the static server). */
  readonly storeCpuMs: number;
  /** CPU time of the load generator per request. */
  readonly clientCpuMs: number;
}

export interface CalendarFigures {
  /** VEVENTs in the served feed. */
  readonly events: number;
  readonly feedBytes: number;
  readonly gzipBytes: number;
  /** GET without Accept-Encoding: the whole feed, 200. */
  readonly plain: CalendarLoad;
  /** GET with the feed's ETag in If-None-Match: 304. */
  readonly notModified: CalendarLoad;
  /** GET with Accept-Encoding: gzip: the stored gzip body. */
  readonly gzip: CalendarLoad;
  /** The plain feed's bytes from a file, by Node's http. */
  readonly staticFile: CalendarLoad;
  /** plain.rps / staticFile.rps. */
  readonly ratioVsStatic: number;
}

type Mode = 'static' | 'plain' | 'notModified' | 'gzip';

const tableName = 'bench';
const linkSecret = 'calendar-bench-link-secret-calendar-bench';
const dayMs = 86_400_000;

interface ServerProcess {
  readonly url: string;
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts the worker in one role (see calendar-worker.ts); resolves once it listens. */
async function startServer(script: string, env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async (): Promise<Record<string, unknown>> => {
    const next = await lines.next();
    if (next.done) throw new Error(`calendar worker (${env.BENCH_ROLE}) exited before answering`);
    return JSON.parse(next.value);
  };
  const ready = await nextLine();
  return {
    url: String(ready.url),
    async cpuMs() {
      child.stdin.write('cpu\n');
      return Number((await nextLine()).cpuMs);
    },
    async stop() {
      const exited = once(child, 'close');
      child.stdin.end();
      await exited;
    },
  };
}

function get(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/** Requests back to back on `connections` keep-alive connections for `ms`. */
async function drive(
  target: { url: string; headers: Record<string, string>; status: number },
  connections: number,
  ms: number,
): Promise<{ latencies: number[]; elapsedMs: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const sent = performance.now();
      const request = httpRequest(target.url, { agent, headers: target.headers }, (response) => {
        // Read the body in full without keeping it, as a client must.
        response.on('data', () => {});
        response.on('end', () => {
          latencies.push(performance.now() - sent);
          if (response.statusCode === target.status) resolve();
          else reject(new Error(`${target.url}: expected ${target.status}, got ${response.statusCode}`));
        });
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end();
    });
  const started = performance.now();
  const deadline = started + ms;
  let last = started;
  try {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < deadline) {
          await one();
          last = performance.now();
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  return { latencies, elapsedMs: last - started };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/**
 * Stores the digest bench's generated events as ingest stores them, creates a user who saved
 * `events` of them, and returns the user's feed URL.
 */
async function seedFeed(dynamoEndpoint: string, events: number, publicBaseUrl: string): Promise<string> {
  const client = createDocumentClient({ endpoint: dynamoEndpoint });
  try {
    const store = createEventStore(client, tableName);
    // A few more than needed: ingest merges the generator's rare same-slot duplicates into one event.
    const generated = generateMatchingEvents({ events: Math.ceil(events * 1.1), seed: 5 });
    const bySource = new Map<string, SourceEventContent[]>();
    for (const event of generated) {
      const {
        id,
        primarySourceId,
        sources: _sources,
        removed: _removed,
        firstSeenAt: _first,
        updatedAt: _updated,
        ...content
      } = event;
      const entries = bySource.get(primarySourceId) ?? [];
      entries.push({ sourceEventId: id, content, hash: contentHash(content) });
      bySource.set(primarySourceId, entries);
    }
    for (const [sourceId, entries] of bySource) {
      await store.applySourceSync(
        sourceId,
        planSourceSync(new Map(), entries, { now: BENCH_NOW, allowRemovals: false }),
        BENCH_NOW,
      );
    }
    // The generated events lie in 2030: all upcoming, and none inside the feed's matching window
    // (the next 56 days), so the feed holds exactly the saved events.
    const stored = await store.listStartingBetween(
      new Date(BENCH_NOW.getTime() - dayMs),
      new Date(BENCH_NOW.getTime() + 16 * dayMs),
    );
    const ids = stored.map((event) => event.id).sort();
    if (ids.length < events) throw new Error(`only ${ids.length} events stored, ${events} wanted`);
    const now = new Date();
    const profile = buildUserProfile({ email: 'calendar@bench.test', name: 'Bench Reader' }, now);
    await createUserRepository(client, tableName).create(profile);
    const saved = createSavedEventStore(client, tableName);
    const chosen = ids.slice(0, events);
    for (let offset = 0; offset < chosen.length; offset += 25) {
      await Promise.all(chosen.slice(offset, offset + 25).map((id) => saved.save(profile.id, id, now)));
    }
    const urls = await calendarUrlsFor(
      {
        calendars: createCalendarStore(client, tableName),
        tokenKey: async () => calendarTokenKey(Buffer.from(linkSecret)),
        publicBaseUrl,
      },
      profile.id,
      now,
    );
    return urls.https;
  } finally {
    client.destroy();
  }
}

export async function measureCalendarFeed(options: {
  events: number;
  connections: number;
  /** Measured seconds per mode, in one-second slices, after a one-second warm-up. */
  seconds: number;
}): Promise<CalendarFigures> {
  // Inside the checkout, with the gazetteer beside the bundle: as deployed (see run-bundled.ts).
  await mkdir(join(repoRoot, '.bench-tmp'), { recursive: true });
  const dir = await mkdtemp(join(repoRoot, '.bench-tmp', 'calendar-'));
  const servers: ServerProcess[] = [];
  try {
    const entry = fileURLToPath(new URL('./calendar-worker.ts', import.meta.url));
    const bundle = join(dir, 'worker.mjs');
    await build({ ...esbuildOptionsFor(entry, bundle), sourcemap: false });
    await copyFile(gazetteerFile, join(dir, 'cities15000.tsv'));

    const dynamo = await startServer(entry, { BENCH_ROLE: 'dynamo', BENCH_TABLE: tableName });
    servers.push(dynamo);
    const feed = await startServer(bundle, {
      BENCH_ROLE: 'feed',
      BENCH_TABLE: tableName,
      BENCH_DYNAMO_ENDPOINT: dynamo.url,
      LINK_SECRET: linkSecret,
    });
    servers.push(feed);
    const feedUrl = await seedFeed(dynamo.url, options.events, feed.url);

    const first = await get(feedUrl, {});
    if (first.status !== 200) throw new Error(`calendar feed answered ${first.status}`);
    const gzipped = await get(feedUrl, { 'accept-encoding': 'gzip' });
    if (gzipped.headers['content-encoding'] !== 'gzip') throw new Error('calendar feed did not gzip');
    const file = join(dir, 'feed.ics');
    await writeFile(file, first.body);
    const staticServer = await startServer(bundle, { BENCH_ROLE: 'static', BENCH_STATIC_FILE: file });
    servers.push(staticServer);
    const staticUrl = `${staticServer.url}/trellis.ics`;
    if (!(await get(staticUrl, {})).body.equals(first.body))
      throw new Error('the static server sends other bytes');

    const modes = {
      static: { url: staticUrl, headers: {}, status: 200, server: staticServer, store: null },
      plain: { url: feedUrl, headers: {}, status: 200, server: feed, store: dynamo },
      notModified: {
        url: feedUrl,
        headers: { 'if-none-match': String(first.headers.etag) },
        status: 304,
        server: feed,
        store: dynamo,
      },
      gzip: {
        url: feedUrl,
        headers: { 'accept-encoding': 'gzip' },
        status: 200,
        server: feed,
        store: dynamo,
      },
    } satisfies Record<Mode, unknown>;
    const order: Mode[] = ['static', 'plain', 'notModified', 'gzip'];
    for (const mode of order) await drive(modes[mode], options.connections, 1000);

    const totals = new Map(
      order.map((mode) => [
        mode,
        { latencies: [] as number[], ms: 0, serverCpu: 0, storeCpu: 0, clientCpu: 0 },
      ]),
    );
    for (let slice = 0; slice < options.seconds; slice += 1) {
      for (const mode of order) {
        const target = modes[mode];
        const total = totals.get(mode);
        if (!total) continue;
        const serverBefore = await target.server.cpuMs();
        const storeBefore = (await target.store?.cpuMs()) ?? 0;
        const clientBefore = process.cpuUsage();
        const run = await drive(target, options.connections, 1000);
        const client = process.cpuUsage(clientBefore);
        total.clientCpu += (client.user + client.system) / 1000;
        total.serverCpu += (await target.server.cpuMs()) - serverBefore;
        total.storeCpu += ((await target.store?.cpuMs()) ?? 0) - storeBefore;
        total.latencies.push(...run.latencies);
        total.ms += run.elapsedMs;
      }
    }
    const load = (mode: Mode): CalendarLoad => {
      const total = totals.get(mode);
      if (!total) throw new Error(`no run for ${mode}`);
      const sorted = total.latencies.sort((a, b) => a - b);
      const requests = sorted.length;
      return {
        requests,
        rps: Math.round((requests / total.ms) * 1000),
        p50Ms: round(percentile(sorted, 50), 1),
        p99Ms: round(percentile(sorted, 99), 1),
        serverCpuMs: round(total.serverCpu / requests),
        storeCpuMs: round(total.storeCpu / requests),
        clientCpuMs: round(total.clientCpu / requests),
      };
    };
    const plain = load('plain');
    const staticFile = load('static');
    return {
      events: first.body.toString('utf8').split('BEGIN:VEVENT').length - 1,
      feedBytes: first.body.length,
      gzipBytes: gzipped.body.length,
      plain,
      notModified: load('notModified'),
      gzip: load('gzip'),
      staticFile,
      ratioVsStatic: round(plain.rps / staticFile.rps),
    };
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
