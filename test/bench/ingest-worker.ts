/**
 * One ingest, measured in its own process so its peak RSS is its own: first ingest of the bench feed,
 * then a full re-ingest of the same bytes. Prints one JSON line. Driven by ingest-bench.ts.
 */

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fetchFeed } from '../../shared/feeds/fetch-feed.ts';
import { ingestSource } from '../../shared/ingest/ingest-source.ts';
import { silentLogger } from '../../shared/log/logger.ts';
import { buildSource } from '../../shared/sources/new-source.ts';
import { createTableIfMissing } from '../../shared/store/create-table.ts';
import { createDocumentClient } from '../../shared/store/dynamo-client.ts';
import { createEventStore } from '../../shared/store/event-store.ts';
import { createSourceRepository } from '../../shared/store/source-repository.ts';
import { countRequests } from '../support/request-counter.ts';
import { peakRssMb } from './peak-rss.ts';

const endpoint = process.env.BENCH_DYNAMO_ENDPOINT ?? '';
const feedUrl = process.env.BENCH_FEED_URL ?? '';
const now = new Date(process.env.BENCH_NOW ?? Date.now());
const tableName = 'bench';

const raw = new DynamoDBClient({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'b', secretAccessKey: 'b' },
});
await createTableIfMissing(raw, tableName);
raw.destroy();
const client = createDocumentClient({ endpoint });
const counter = countRequests(client);
const sources = createSourceRepository(client, tableName);
const source = buildSource({ url: feedUrl, kind: 'industry-event', organization: 'Bench' }, now);
await sources.create(source);
const deps = {
  sources,
  events: createEventStore(client, tableName),
  fetchFeed,
  logger: silentLogger,
  loopback: { ports: [Number(new URL(feedUrl).port)] },
  // The generated feed (realistic descriptions, 34,000 occurrences) is larger than the default caps.
  maxFeedBytes: 64 * 1024 * 1024,
  maxEventsPerSource: 100_000,
};

counter.reset();
const started = performance.now();
const first = await ingestSource(deps, source.id, now);
const firstMs = performance.now() - started;
const firstWrites = counter.writes();
const firstRequests = counter.reads() + counter.writes();

counter.reset();
const reingestStarted = performance.now();
const again = await ingestSource(deps, source.id, new Date(now.getTime() + 60_000), { force: true });
const reingestMs = performance.now() - reingestStarted;

process.stdout.write(
  `${JSON.stringify({
    events: first.eventCount,
    problems: first.problemCount,
    firstMs,
    firstWrites,
    firstRequests,
    reingestOutcome: again.outcome,
    reingestUnchanged: again.sync?.unchanged ?? 0,
    reingestMs,
    reingestEventWrites: counter.writes() - counter.sourceRecordWrites(),
    reingestSourceRecordWrites: counter.sourceRecordWrites(),
    peakRssMb: peakRssMb(),
  })}\n`,
);
client.destroy();
