/**
 * One digest-send worker handling one batch, in its own process so its peak RSS is its own. The
 * table is already seeded (digest-bench.ts); mail goes to a mailer that accepts and drops it. The
 * dependencies are functions/digest-send.ts's (contacts, saved events and memberships included), so
 * the requests counted are the deployed function's. Prints one JSON line.
 */

import { type DigestLedgerDetail, sendDigestBatch } from '../../shared/digest/send-digests.ts';
import { silentLogger } from '../../shared/log/logger.ts';
import { createContactRepository } from '../../shared/store/contact-repository.ts';
import { createDocumentClient } from '../../shared/store/dynamo-client.ts';
import { createEventStore } from '../../shared/store/event-store.ts';
import { createMembershipRepository } from '../../shared/store/membership-repository.ts';
import { createSavedEventStore } from '../../shared/store/saved-event-store.ts';
import { createSendLedger } from '../../shared/store/send-ledger.ts';
import { createSuppressionList } from '../../shared/store/suppression-list.ts';
import { createUserRepository } from '../../shared/store/user-repository.ts';
import { createWindowSnapshotStore } from '../../shared/store/window-snapshot-store.ts';
import { countRequests } from '../support/request-counter.ts';
import { peakRssMb } from './peak-rss.ts';

const endpoint = process.env.BENCH_DYNAMO_ENDPOINT ?? '';
const tableName = process.env.BENCH_TABLE ?? 'bench';
const now = new Date(process.env.BENCH_NOW ?? Date.now());
const records = JSON.parse(process.env.BENCH_RECORDS ?? '[]') as { messageId: string; body: string }[];

const client = createDocumentClient({ endpoint });
const counter = countRequests(client);
let mails = 0;
let mailBytes = 0;
const started = performance.now();
const outcome = await sendDigestBatch(
  {
    users: createUserRepository(client, tableName),
    events: createEventStore(client, tableName),
    contacts: createContactRepository(client, tableName),
    saved: createSavedEventStore(client, tableName),
    memberships: createMembershipRepository(client, tableName),
    snapshots: createWindowSnapshotStore(client, tableName),
    ledger: createSendLedger<DigestLedgerDetail>(client, tableName, 'digest'),
    suppression: createSuppressionList(client, tableName),
    mailer: {
      sendRaw: async (message) => {
        mails += 1;
        mailBytes += message.raw.byteLength;
        return { providerMessageId: `bench-${mails}` };
      },
    },
    identity: { from: 'Trellis <digest@trellis.test>', replyTo: null, messageIdDomain: 'trellis.test' },
    links: async () => ({ secret: Buffer.from('bench-secret-bench-secret-bench-secret') }),
    publicBaseUrl: 'https://trellis.test',
    unsubscribeMailto: 'unsubscribe@trellis.test',
    windowDays: 14,
    logger: silentLogger,
  },
  records,
  now,
);
const outcomes: Record<string, number> = {};
for (const entry of outcome.outcomes) outcomes[entry.outcome] = (outcomes[entry.outcome] ?? 0) + 1;
process.stdout.write(
  `${JSON.stringify({
    users: records.length,
    ms: performance.now() - started,
    mails,
    meanMailKb: mails ? mailBytes / mails / 1024 : 0,
    requests: counter.reads() + counter.writes(),
    reads: counter.reads(),
    writes: counter.writes(),
    byCommand: counter.byCommand(),
    outcomes,
    peakRssMb: peakRssMb(),
  })}\n`,
);
client.destroy();
