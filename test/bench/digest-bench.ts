import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { batchWorkerEnvironment } from '../../infra/bundling.ts';
import { addContact } from '../../shared/contacts/add-contact.ts';
import type { Contact } from '../../shared/contacts/contact.ts';
import type { NewContactInput } from '../../shared/contacts/contact-input.ts';
import { addDays, localDate } from '../../shared/contacts/next-due-date.ts';
import { contactsDueBy } from '../../shared/contacts/reminder-plan.ts';
import { isoWeekAt } from '../../shared/digest/digest-schedule.ts';
import type { DigestLedgerDetail } from '../../shared/digest/send-digests.ts';
import { snapshotDigestWindow } from '../../shared/digest/snapshot-digest-window.ts';
import { contentHash, type SourceEventContent } from '../../shared/events/event-content.ts';
import { planSourceSync } from '../../shared/events/plan-source-sync.ts';
import { demoContactInputs } from '../../shared/local/demo-contacts.ts';
import { startDynamoLocal } from '../../shared/local/dynamodb-local-server.ts';
import { createContactDependencies } from '../../shared/store/contact-dependencies.ts';
import { createTableIfMissing } from '../../shared/store/create-table.ts';
import { createDocumentClient } from '../../shared/store/dynamo-client.ts';
import { createEventStore } from '../../shared/store/event-store.ts';
import { createSendLedger } from '../../shared/store/send-ledger.ts';
import { createUserRepository } from '../../shared/store/user-repository.ts';
import { createWindowSnapshotStore } from '../../shared/store/window-snapshot-store.ts';
import { round } from './bench-stats.ts';
import { BENCH_NOW, generateMatchingEvents, generateMatchingUser } from './matching-bench.ts';
import { runBundledWorker } from './run-bundled.ts';

export interface DigestWorkerFigures {
  readonly batchUsers: number;
  /** Contacts added to the batch's readers, and of those, due in the digest's week (overdue included). */
  readonly contacts: number;
  readonly contactsDueThisWeek: number;
  readonly windowEvents: number;
  readonly batchMs: number;
  readonly mails: number;
  readonly meanMailKb: number;
  /** A steady week: three in four readers had last week's digest (suggestion sections are monthly). */
  readonly requestsPerUser: number;
  readonly writesPerUser: number;
  /** The same batch size, every reader on their first digest (every section due, nothing to recall). */
  readonly firstDigestRequestsPerUser: number;
  readonly peakRssMb: number;
  readonly outcomes: Record<string, number>;
  readonly byCommand: Record<string, number>;
}

/**
 * A reader's contacts, `count` of them (3–5 in the bench): the demo reader's four (one due today, one
 * within the week, one not due, one paused) and a fifth not due, their last talks shifted by the
 * reader's index so that readers differ in who is due.
 */
function readerContacts(index: number, count: number, today: string): NewContactInput[] {
  const shift = index % 5;
  const inputs: NewContactInput[] = [
    ...demoContactInputs(today),
    {
      name: 'Sam Okafor',
      relationship: 'potential-mentor',
      organization: 'Cloud Native Guild',
      topics: ['cloud', 'kubernetes'],
      lastContactedOn: addDays(today, -5),
    },
  ];
  return inputs.slice(0, count).map((input) => ({
    ...input,
    lastContactedOn: input.lastContactedOn ? addDays(input.lastContactedOn, shift) : null,
  }));
}

/**
 * A digest-send worker's batch against a real store: the window's events stored as ingest stores
 * them, the batch's readers created with their contacts (through the app's "add a contact", which
 * also puts them in their reminder slot), then one worker process sends the batch (to a mailer that
 * drops the mail) with the deployed function's dependencies while its DynamoDB requests and peak RSS
 * are measured. `users` is the batch: the deployed event source mapping hands digest-send at most 100
 * (infra/constructs/digests.ts).
 */
export async function measureDigestWorker(options: {
  users: number;
  events: number;
  /** Contacts per reader, cycling from min to max (default 3–5; 0 for none). */
  contactsPerUser?: { readonly min: number; readonly max: number };
}): Promise<DigestWorkerFigures> {
  const perUser = options.contactsPerUser ?? { min: 3, max: 5 };
  const dynamo = await startDynamoLocal({ port: 0 });
  try {
    const raw = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'b', secretAccessKey: 'b' },
    });
    await createTableIfMissing(raw, 'bench');
    raw.destroy();
    const client = createDocumentClient({ endpoint: dynamo.endpoint });
    const events = generateMatchingEvents({ events: options.events, seed: 3 });
    const store = createEventStore(client, 'bench');
    const bySource = new Map<string, SourceEventContent[]>();
    for (const event of events) {
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
    const users = createUserRepository(client, 'bench');
    const contactStores = createContactDependencies(client, 'bench');
    const ledger = createSendLedger<DigestLedgerDetail>(client, 'bench', 'digest');
    // The run's window snapshot, as digest-dispatch makes it; every message points to it.
    const window = await snapshotDigestWindow(
      { events: store, snapshots: createWindowSnapshotStore(client, 'bench'), windowDays: 14 },
      BENCH_NOW,
    );
    const weekAgo = new Date(BENCH_NOW.getTime() - 7 * 86_400_000);
    let contacts = 0;
    let contactsDue = 0;
    /** Readers `first`…`first + count - 1`; `returning(index)` ones had last week's digest. */
    const seedBatch = async (first: number, returning: (index: number) => boolean) => {
      const records: { messageId: string; body: string }[] = [];
      for (let index = first; index < first + options.users; index += 1) {
        const generated = generateMatchingUser(events, index, 3).profile;
        const profile = {
          ...generated,
          id: `usr_${index.toString(16).padStart(16, '0')}`,
          email: `reader-${index}@bench.test`,
          emailConfirmed: true,
          paused: false,
          unsubscribed: false,
        };
        await users.create(profile);
        const today = localDate(BENCH_NOW, profile.timeZone);
        const count = perUser.max > 0 ? perUser.min + (index % (perUser.max - perUser.min + 1)) : 0;
        const added: Contact[] = [];
        for (const input of readerContacts(index, count, today))
          added.push(await addContact(contactStores, profile, input, BENCH_NOW));
        if (first === 0) {
          contacts += added.length;
          // As the digest's "due this week" counts them (contacts-due-this-week.ts).
          contactsDue += contactsDueBy(added, today, addDays(today, 6)).length;
        }
        if (returning(index)) {
          // Last week's digest, sent through the ledger as the sender records it: its suggestion
          // sections were looked at a week ago, so they are not due again this week.
          const lastWeek = isoWeekAt(weekAgo.getTime(), profile.timeZone);
          const checked = { checkedAt: weekAgo.toISOString(), keys: [] };
          const detail = { shown: [], suggestions: { people: checked, organizations: checked } };
          const claim = await ledger.claim(profile.id, lastWeek, weekAgo, {
            messageId: `<${index}@bench>`,
            detail,
          });
          if (claim.outcome !== 'claimed') throw new Error("bench: last week's digest could not be recorded");
          await ledger.markSent(profile.id, lastWeek, claim.token, {
            messageId: `<${index}@bench>`,
            sentAt: weekAgo,
            detail,
          });
        }
        const message = {
          userId: profile.id,
          isoWeek: isoWeekAt(BENCH_NOW.getTime(), profile.timeZone),
          dueAt: BENCH_NOW.toISOString(),
          window,
        };
        records.push({ messageId: String(index), body: JSON.stringify(message) });
      }
      return records;
    };
    const weekRecords = await seedBatch(0, (index) => index % 4 !== 0);
    const firstRecords = await seedBatch(options.users, () => false);
    client.destroy();
    const runWorker = (records: readonly { messageId: string; body: string }[]) =>
      runBundledWorker(fileURLToPath(new URL('./digest-worker.ts', import.meta.url)), {
        BENCH_DYNAMO_ENDPOINT: dynamo.endpoint,
        BENCH_NOW: BENCH_NOW.toISOString(),
        BENCH_RECORDS: JSON.stringify(records),
        // As deployed (infra/constructs/digests.ts).
        ...batchWorkerEnvironment,
      });
    const worker = await runWorker(weekRecords);
    const firstDigests = await runWorker(firstRecords);
    return {
      batchUsers: options.users,
      contacts,
      contactsDueThisWeek: contactsDue,
      windowEvents: options.events,
      batchMs: round(Number(worker.ms), 0),
      mails: Number(worker.mails),
      meanMailKb: round(Number(worker.meanMailKb), 1),
      requestsPerUser: round(Number(worker.requests) / options.users),
      writesPerUser: round(Number(worker.writes) / options.users),
      firstDigestRequestsPerUser: round(Number(firstDigests.requests) / options.users),
      peakRssMb: round(Number(worker.peakRssMb), 1),
      outcomes: worker.outcomes as Record<string, number>,
      byCommand: worker.byCommand as Record<string, number>,
    };
  } finally {
    await dynamo.stop();
  }
}
