import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import ICAL from 'ical.js';
import { parseICalendar } from '../../shared/feeds/ical/parse-icalendar.ts';
import { parseFeed } from '../../shared/feeds/parse-feed.ts';
import { startDynamoLocal } from '../../shared/local/dynamodb-local-server.ts';
import { median, round } from './bench-stats.ts';
import { generateICalFeed } from './generate-ical-feed.ts';
import { runBundledWorker } from './run-bundled.ts';

export interface IngestFigures {
  readonly feedEvents: number;
  readonly feedBytes: number;
  readonly libraryParseMs: number;
  readonly parseMs: number;
  readonly icalendarReadMs: number;
  readonly ratioVsLibraryParse: number;
  readonly parseEventsPerS: number;
  readonly storedEvents: number;
  readonly firstIngestMs: number;
  readonly eventsPerS: number;
  readonly firstWrites: number;
  readonly firstRequests: number;
  readonly reingestWrites: number;
  readonly reingestSourceRecordWrites: number;
  readonly peakRssMb: number;
}

const dayMs = 86_400_000;

function timed(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/** Parse speed against the bare library, in this process; the store path in a child (its own peak RSS). */
export async function measureIngest(options: { events: number; runs: number }): Promise<IngestFigures> {
  const now = new Date();
  const text = generateICalFeed({ events: options.events, seed: 7, start: now });
  const window = { fromMs: now.getTime() - dayMs, toMs: now.getTime() + 120 * dayMs };
  // Past the default per-source cap (5,000): the bench reads all 34,000 occurrences.
  const parseOurs = () =>
    parseFeed(text, { window, defaultTimeZone: null, defaultTags: ['bench'], maxEvents: 100_000 });

  // Warm both paths once so the JIT state is alike, then alternate.
  ICAL.parse(text);
  const sample = parseOurs();
  const library: number[] = [];
  const ours: number[] = [];
  const readOnly: number[] = [];
  for (let run = 0; run < options.runs; run += 1) {
    library.push(timed(() => ICAL.parse(text)));
    ours.push(timed(parseOurs));
    readOnly.push(timed(() => parseICalendar(text, window, { defaultTimeZone: null })));
  }
  const libraryParseMs = median(library);
  const parseMs = median(ours);

  const dynamo = await startDynamoLocal({ port: 0 });
  const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 16)}"`;
  const server = createServer((request, response) => {
    if (request.headers['if-none-match'] === etag) response.writeHead(304, { etag }).end();
    else response.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', etag }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bench.ics`;
  try {
    const worker = await runBundledWorker(fileURLToPath(new URL('./ingest-worker.ts', import.meta.url)), {
      BENCH_DYNAMO_ENDPOINT: dynamo.endpoint,
      BENCH_FEED_URL: feedUrl,
      BENCH_NOW: now.toISOString(),
    });
    const stored = Number(worker.events);
    return {
      feedEvents: options.events,
      feedBytes: Buffer.byteLength(text),
      libraryParseMs: round(libraryParseMs, 1),
      parseMs: round(parseMs, 1),
      icalendarReadMs: round(median(readOnly), 1),
      ratioVsLibraryParse: round(parseMs / libraryParseMs),
      parseEventsPerS: Math.round(sample.events.length / (parseMs / 1000)),
      storedEvents: stored,
      firstIngestMs: round(Number(worker.firstMs), 0),
      eventsPerS: Math.round(stored / (Number(worker.firstMs) / 1000)),
      firstWrites: Number(worker.firstWrites),
      firstRequests: Number(worker.firstRequests),
      reingestWrites: Number(worker.reingestEventWrites),
      reingestSourceRecordWrites: Number(worker.reingestSourceRecordWrites),
      peakRssMb: round(Number(worker.peakRssMb), 1),
    };
  } finally {
    server.close();
    await dynamo.stop();
  }
}
