import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DigestSlotDue, dispatchDueDigests } from '../../shared/digest/dispatch-digests.ts';
import {
  type DigestLedgerDetail,
  type DigestSendDependencies,
  sendDigestBatch,
} from '../../shared/digest/send-digests.ts';
import { planSourceSync } from '../../shared/events/plan-source-sync.ts';
import type { LocalSes } from '../../shared/local/ses-local.ts';
import { silentLogger } from '../../shared/log/logger.ts';
import { createBulkMailer } from '../../shared/mail/bulk-mailer.ts';
import { handleSesEvents } from '../../shared/mail/handle-ses-events.ts';
import { createSesMailer, DailyQuotaExceededError } from '../../shared/mail/mailer.ts';
import type { DigestMessage } from '../../shared/queue/digest-message.ts';
import { createDispatchProgress } from '../../shared/store/dispatch-progress.ts';
import { createEventStore } from '../../shared/store/event-store.ts';
import { createLedgerEvidence } from '../../shared/store/ledger-evidence.ts';
import { createSendLedger } from '../../shared/store/send-ledger.ts';
import { createSendRateStore } from '../../shared/store/send-rate-store.ts';
import { createSuppressionList } from '../../shared/store/suppression-list.ts';
import { createUserRepository, type UserRepository } from '../../shared/store/user-repository.ts';
import { createWindowSnapshotStore } from '../../shared/store/window-snapshot-store.ts';
import { buildUserProfile, type NewProfileInput } from '../../shared/users/profile-input.ts';
import type { UserProfile } from '../../shared/users/user-profile.ts';
import { eventEntry } from '../support/event-entries.ts';
import { type StoredMail, startTestSes } from '../support/local-ses.ts';
import { createLocalTable, type LocalTable } from '../support/local-table.ts';
import { countRequests } from '../support/request-counter.ts';

// Monday 2030-03-04, 08:00 in Berlin (CET) is 07:00Z; the dispatcher runs just after the hour.
const dueAt = Date.parse('2030-03-04T07:00:00Z');
const runAt = new Date(dueAt + 30_000);
const secret = Buffer.from('a-test-secret-that-is-long-enough-to-sign-links');

let ses: LocalSes;
let sesClient: SESv2Client;
let inbox: () => Promise<StoredMail[]>;
let table: LocalTable;
let users: UserRepository;
let deps: DigestSendDependencies;
let sent: number;

beforeAll(async () => {
  const started = await startTestSes();
  ses = started.ses;
  sesClient = started.client;
  inbox = started.inbox;
});
afterAll(() => ses.stop());

async function addUser(input: Partial<NewProfileInput> & { email: string }): Promise<UserProfile> {
  const profile = buildUserProfile(
    {
      emailConfirmed: true,
      timeZone: 'Europe/Berlin',
      digestDay: 'monday',
      digestHour: 8,
      topics: ['kubernetes'],
      places: [{ kind: 'city', city: 'Berlin', country: null }],
      ...input,
    },
    runAt,
  );
  await users.create(profile);
  return profile;
}

async function mailsTo(email: string) {
  return (await inbox()).filter((mail) => mail.destination.to.some((to) => to.includes(email)));
}

async function dispatch(now: Date): Promise<DigestMessage[]> {
  const queued: DigestMessage[] = [];
  await dispatchDueDigests(
    {
      users,
      progress: createDispatchProgress<DigestSlotDue>(table.documentClient, table.tableName, 'digest'),
      queue: { enqueue: async (messages) => void queued.push(...messages) },
      logger: silentLogger,
    },
    now,
  );
  return queued;
}

const records = (messages: DigestMessage[]) =>
  messages.map((message, index) => ({ messageId: `m${index}`, body: JSON.stringify(message) }));

beforeEach(async () => {
  table = await createLocalTable();
  users = createUserRepository(table.documentClient, table.tableName);
  const events = createEventStore(table.documentClient, table.tableName);
  const entries = [
    eventEntry('k8s', {
      title: 'Kubernetes Meetup',
      start: '2030-03-06T18:00:00Z',
      end: null,
      tags: ['kubernetes'],
      organization: 'CNCF Berlin',
    }),
    eventEntry('other', {
      title: 'Knitting Circle',
      start: '2030-03-07T18:00:00Z',
      end: null,
      tags: ['crafts'],
    }),
  ];
  await events.applySourceSync(
    'src_aaaaaaaaaaaa',
    planSourceSync(new Map(), entries, { now: runAt, allowRemovals: true }),
    runAt,
  );
  sent = 0;
  const mailer = createSesMailer(sesClient, {
    configurationSet: null,
    retry: { attempts: 4, pause: async () => {} },
  });
  deps = {
    users,
    events,
    ledger: createSendLedger<DigestLedgerDetail>(table.documentClient, table.tableName, 'digest'),
    suppression: createSuppressionList(table.documentClient, table.tableName),
    mailer: {
      sendRaw: async (message) => {
        sent += 1;
        return mailer.sendRaw(message);
      },
    },
    identity: { from: 'Trellis <digest@trellis.test>', replyTo: null, messageIdDomain: 'trellis.test' },
    links: async () => ({ secret }),
    publicBaseUrl: 'http://127.0.0.1:3000',
    unsubscribeMailto: 'unsubscribe@trellis.test',
    windowDays: 14,
    logger: silentLogger,
  };
});

describe('weekly digest sending', () => {
  it('sends one email per user when dispatch and send both run twice in the same hour', async () => {
    const ana = await addUser({ email: `ana-${table.tableName}@example.org` });
    const ben = await addUser({
      email: `ben-${table.tableName}@example.org`,
      timeZone: 'America/New_York',
      digestHour: 2,
    });
    const first = await dispatch(runAt);
    expect(first.map((message) => message.userId).sort()).toEqual([ana.id, ben.id].sort());
    expect(first[0]).toMatchObject({ isoWeek: '2030-W10' });
    expect(
      (await sendDigestBatch(deps, records(first), runAt)).outcomes.map((entry) => entry.outcome),
    ).toEqual(['sent', 'sent']);

    expect(await dispatch(new Date(runAt.getTime() + 60_000))).toEqual([]);
    const again = await sendDigestBatch(deps, records(first), new Date(runAt.getTime() + 120_000));
    expect(again.outcomes.map((entry) => entry.outcome)).toEqual(['already-sent', 'already-sent']);
    expect(again.failedMessageIds).toEqual([]);

    expect(await mailsTo(ana.email)).toHaveLength(1);
    expect(await mailsTo(ben.email)).toHaveLength(1);
    expect((await mailsTo(ana.email))[0]?.subject).toContain('Kubernetes Meetup');
  });

  it('holds a mail whose worker died after claiming, where nothing can say whether SES took it', async () => {
    const ana = await addUser({ email: `crash-${table.tableName}@example.org` });
    const [message] = await dispatch(runAt);
    if (!message) throw new Error('expected a message');
    // The crash: a claim (with its hand-over) that was never completed or released.
    const handing = { messageId: '<lost@trellis.test>', detail: { shown: [] } };
    expect((await deps.ledger.claim(ana.id, message.isoWeek, runAt, handing)).outcome).toBe('claimed');

    const meanwhile = await sendDigestBatch(deps, records([message]), new Date(runAt.getTime() + 60_000));
    expect(meanwhile).toMatchObject({ failedMessageIds: ['m0'], outcomes: [{ outcome: 'busy' }] });

    // No SES events here (no configuration set): after the lease the outcome stays unknown, and is held.
    const afterLease = await sendDigestBatch(
      deps,
      records([message]),
      new Date(runAt.getTime() + 6 * 60_000),
    );
    expect(afterLease).toMatchObject({ failedMessageIds: ['m0'], outcomes: [{ outcome: 'held' }] });
    expect(sent).toBe(0);
  });

  it('sends again once the wait for the Send event passed without one, where SES publishes events', async () => {
    const ana = await addUser({ email: `unanswered-${table.tableName}@example.org` });
    const [message] = await dispatch(runAt);
    if (!message) throw new Error('expected a message');
    const ledger = createSendLedger<DigestLedgerDetail>(table.documentClient, table.tableName, 'digest', {
      resendUnconfirmedAfterMs: 30 * 60_000,
    });
    const handing = { messageId: '<lost@trellis.test>', detail: { shown: [] } };
    expect((await ledger.claim(ana.id, message.isoWeek, runAt, handing)).outcome).toBe('claimed');

    const withinWait = await sendDigestBatch(
      { ...deps, ledger },
      records([message]),
      new Date(runAt.getTime() + 10 * 60_000),
    );
    expect(withinWait.outcomes.map((entry) => entry.outcome)).toEqual(['held']);
    const afterWait = await sendDigestBatch(
      { ...deps, ledger },
      records([message]),
      new Date(runAt.getTime() + 31 * 60_000),
    );
    expect(afterWait.outcomes.map((entry) => entry.outcome)).toEqual(['sent']);
    await sendDigestBatch({ ...deps, ledger }, records([message]), new Date(runAt.getTime() + 40 * 60_000));
    expect(await mailsTo(ana.email)).toHaveLength(1);
  });

  it('defers the rest of a batch when the daily quota runs out: nothing to the DLQ, nothing twice', async () => {
    const readers = [
      await addUser({ email: `quota-a-${table.tableName}@example.org` }),
      await addUser({ email: `quota-b-${table.tableName}@example.org` }),
      await addUser({ email: `quota-c-${table.tableName}@example.org` }),
    ];
    const messages = await dispatch(runAt);
    let clockNow = runAt.getTime();
    let calls = 0;
    const quotaUntil = runAt.getTime() + 30 * 60_000;
    const bulk = createBulkMailer({
      mailer: {
        sendRaw: async (mail) => {
          calls += 1;
          // The second send of the morning finds the 24-hour quota used up, until half past.
          if (calls === 2 && clockNow < quotaUntil)
            throw new DailyQuotaExceededError('SES refused: Daily message quota exceeded.');
          return deps.mailer.sendRaw(mail);
        },
      },
      rate: createSendRateStore(table.documentClient, table.tableName),
      maxSendRate: async () => 100,
      logger: silentLogger,
      clock: () => clockNow,
    });

    const first = await sendDigestBatch({ ...deps, mailer: bulk }, records(messages), runAt);
    expect(first.outcomes.map((entry) => entry.outcome)).toEqual(['sent', 'deferred', 'deferred']);
    expect(first.failedMessageIds).toEqual([]);
    expect(first.resumeAt).toBe(new Date(runAt.getTime() + 60 * 60_000).toISOString());
    expect(calls).toBe(2);

    clockNow = runAt.getTime() + 61 * 60_000;
    const resumed = await sendDigestBatch({ ...deps, mailer: bulk }, records(messages), new Date(clockNow));
    expect(resumed.outcomes.map((entry) => entry.outcome)).toEqual(['already-sent', 'sent', 'sent']);
    for (const reader of readers) expect(await mailsTo(reader.email)).toHaveLength(1);
  });

  it('reads the event window once per dispatch run: send batches read its snapshot instead', async () => {
    const ana = await addUser({ email: `snap-a-${table.tableName}@example.org` });
    const ben = await addUser({ email: `snap-b-${table.tableName}@example.org` });
    const snapshots = createWindowSnapshotStore(table.documentClient, table.tableName);
    const queued: DigestMessage[] = [];
    await dispatchDueDigests(
      {
        users,
        progress: createDispatchProgress<DigestSlotDue>(table.documentClient, table.tableName, 'digest'),
        queue: { enqueue: async (messages) => void queued.push(...messages) },
        logger: silentLogger,
        window: { events: deps.events, snapshots, windowDays: 14 },
      },
      runAt,
    );
    expect(queued.map((message) => message.window)).toEqual([
      { id: `digest-${runAt.toISOString()}`, parts: 1 },
      { id: `digest-${runAt.toISOString()}`, parts: 1 },
    ]);
    // An event stored after the run's snapshot waits for the next digest, as if the batch had gone at once.
    await deps.events.applySourceSync(
      'src_bbbbbbbbbbbb',
      planSourceSync(
        new Map(),
        [
          eventEntry('late', {
            title: 'Late Kubernetes Night',
            start: '2030-03-06T18:00:00Z',
            tags: ['kubernetes'],
          }),
        ],
        { now: runAt, allowRemovals: true },
      ),
      runAt,
    );
    const requests = countRequests(table.documentClient);
    const sentAt = new Date(runAt.getTime() + 5 * 60_000);
    const messageFor = (userId: string) =>
      queued.find((message) => message.userId === userId) as DigestMessage;
    const outcome = await sendDigestBatch({ ...deps, snapshots }, records([messageFor(ana.id)]), sentAt);
    expect(outcome.outcomes.map((entry) => entry.outcome)).toEqual(['sent']);
    const withSnapshot = requests.byCommand();
    const [mail] = await mailsTo(ana.email);
    expect(mail?.subject).toContain('Kubernetes Meetup');
    expect(mail?.body.text).not.toContain('Late Kubernetes Night');

    // The same batch without the snapshot queries the window's days (and sees the late event).
    requests.reset();
    await sendDigestBatch(deps, records([{ ...messageFor(ben.id), window: undefined }]), sentAt);
    const withoutSnapshot = requests.byCommand();
    expect((withSnapshot.QueryCommand ?? 0) + 14).toBeLessThanOrEqual(withoutSnapshot.QueryCommand ?? 0);
    expect(withSnapshot.BatchGetItemCommand).toBe((withoutSnapshot.BatchGetItemCommand ?? 0) + 1);
    expect((await mailsTo(ben.email))[0]?.body.text).toContain('Late Kubernetes Night');
  });

  it('falls back to reading the window when the snapshot is gone', async () => {
    const ana = await addUser({ email: `nosnap-${table.tableName}@example.org` });
    const [message] = await dispatch(runAt);
    if (!message) throw new Error('expected a message');
    const snapshots = createWindowSnapshotStore(table.documentClient, table.tableName);
    const expired = { ...message, window: { id: 'digest-2030-03-04T07:00:00.000Z', parts: 2 } };
    const outcome = await sendDigestBatch({ ...deps, snapshots }, records([expired]), runAt);
    expect(outcome.outcomes.map((entry) => entry.outcome)).toEqual(['sent']);
    expect((await mailsTo(ana.email))[0]?.subject).toContain('Kubernetes Meetup');
  });

  it('retries a throttled send and delivers once', async () => {
    const ana = await addUser({ email: `throttle-${table.tableName}@example.org` });
    let throttles = 2;
    const realSend = sesClient.send.bind(sesClient);
    const throttled = Object.create(sesClient) as SESv2Client;
    throttled.send = ((command: never) => {
      if (throttles > 0) {
        throttles -= 1;
        return Promise.reject(
          Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException' }),
        );
      }
      return realSend(command);
    }) as SESv2Client['send'];
    deps = {
      ...deps,
      mailer: createSesMailer(throttled, {
        configurationSet: null,
        retry: { attempts: 4, pause: async () => {} },
      }),
    };
    const outcome = await sendDigestBatch(deps, records(await dispatch(runAt)), runAt);
    expect(outcome.outcomes.map((entry) => entry.outcome)).toEqual(['sent']);
    expect(throttles).toBe(0);
    expect(await mailsTo(ana.email)).toHaveLength(1);
  });

  it('never mails an address that bounced hard, complained, or is unconfirmed', async () => {
    const bounced = await addUser({ email: `bounced-${table.tableName}@example.org` });
    const complained = await addUser({ email: `complained-${table.tableName}@example.org` });
    const unconfirmed = await addUser({
      email: `unconfirmed-${table.tableName}@example.org`,
      emailConfirmed: false,
    });
    const notification = (type: 'Bounce' | 'Complaint', email: string) =>
      JSON.stringify(
        type === 'Bounce'
          ? {
              eventType: 'Bounce',
              mail: { messageId: 'x' },
              bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: email }] },
            }
          : {
              eventType: 'Complaint',
              mail: { messageId: 'y' },
              complaint: { complainedRecipients: [{ emailAddress: email }] },
            },
      );
    const handled = await handleSesEvents(
      {
        suppression: deps.suppression,
        ledger: createLedgerEvidence(table.documentClient, table.tableName),
        logger: silentLogger,
      },
      [
        { id: '1', body: notification('Bounce', bounced.email.toUpperCase()) },
        { id: '2', body: notification('Complaint', complained.email) },
        { id: '3', body: '{"not":"ses"' },
      ],
      runAt,
    );
    expect(handled).toEqual({
      suppressed: [bounced.email, complained.email],
      ledgerMarked: 0,
      ignored: 0,
      invalid: 1,
    });

    const messages = await dispatch(runAt);
    expect(messages.map((message) => message.userId)).not.toContain(unconfirmed.id);
    const outcome = await sendDigestBatch(deps, records(messages), runAt);
    expect(outcome.outcomes.map((entry) => entry.outcome).sort()).toEqual(['suppressed', 'suppressed']);
    expect(sent).toBe(0);
  });

  it('sends nothing in an empty week unless the user asked for quiet-week notes', async () => {
    const elsewhere = {
      topics: ['finance'],
      places: [{ kind: 'city' as const, city: 'Munich', country: null }],
    };
    const quiet = await addUser({ email: `quiet-${table.tableName}@example.org`, ...elsewhere });
    const noted = await addUser({
      email: `noted-${table.tableName}@example.org`,
      ...elsewhere,
      quietWeekNotes: true,
    });
    const outcome = await sendDigestBatch(deps, records(await dispatch(runAt)), runAt);
    const byUser = new Map(outcome.outcomes.map((entry) => [entry.userId, entry.outcome]));
    expect(byUser.get(quiet.id)).toBe('empty-week');
    expect(byUser.get(noted.id)).toBe('sent');
    expect(await mailsTo(quiet.email)).toHaveLength(0);
    expect(await mailsTo(noted.email)).toHaveLength(1);
  });

  it('lists the calls for speakers of matching events closing in the next 21 days, read once per batch', async () => {
    const conference = (id: string, tags: string[], closesOn: string) =>
      eventEntry(id, {
        title: `Conf ${id}`,
        start: '2030-06-10',
        end: '2030-06-12',
        allDay: true,
        timeZone: null,
        tags,
        organization: null,
        callForSpeakers: { url: `https://cfp.example/${id}`, closesOn },
      });
    await deps.events.applySourceSync(
      'src_conferences0',
      planSourceSync(
        new Map(),
        [
          conference('soon', ['kubernetes'], '2030-03-10'),
          conference('late', ['kubernetes'], '2030-04-20'),
          conference('crafts', ['crafts'], '2030-03-12'),
        ],
        { now: runAt, allowRemovals: true },
      ),
      runAt,
    );
    const ada = await addUser({ email: `ada-${table.tableName}@example.org` });
    const grace = await addUser({ email: `grace-${table.tableName}@example.org` });
    let callReads = 0;
    const events = deps.events;
    const counted: DigestSendDependencies = {
      ...deps,
      events: {
        ...events,
        listCallsClosingBetween: (from, to) => {
          callReads += 1;
          return events.listCallsClosingBetween(from, to);
        },
      },
    };
    const outcome = await sendDigestBatch(counted, records(await dispatch(runAt)), runAt);
    expect(outcome.outcomes.map((entry) => entry.outcome)).toEqual(['sent', 'sent']);
    expect(callReads).toBe(1);
    for (const reader of [ada, grace]) {
      const [mail] = await mailsTo(reader.email);
      const text = mail?.body.text ?? '';
      expect(text).toContain('Calls for speakers closing soon');
      expect(text).toContain('Conf soon');
      expect(text).toContain('Call for speakers closes Sun 10 Mar (in 6 days)');
      expect(text).toContain('https://cfp.example/soon');
      expect(text).not.toContain('Conf late');
      expect(text).not.toContain('Conf crafts');
    }
  });

  it('suggests people worth meeting once a month, only people not shown before, remembered in the ledger', async () => {
    const person = (name: string) => ({
      name,
      key: name.toLowerCase(),
      role: 'speaker' as const,
      from: 'field' as const,
    });
    const talk = (id: string, start: string, speaker: string) =>
      eventEntry(id, {
        title: `Kubernetes Talk ${id}`,
        start,
        end: null,
        tags: ['kubernetes'],
        people: [person(speaker)],
      });
    await deps.events.applySourceSync(
      'src_talks000000',
      planSourceSync(
        new Map(),
        [
          talk('lena-1', '2030-03-12T18:00:00Z', 'Lena Hoffmann'),
          talk('lena-2', '2030-03-14T18:00:00Z', 'Lena Hoffmann'),
          talk('max-1', '2030-03-20T18:00:00Z', 'Max Berger'),
          talk('max-2', '2030-03-22T18:00:00Z', 'Max Berger'),
        ],
        { now: runAt, allowRemovals: true },
      ),
      runAt,
    );
    const ada = await addUser({ email: `ada-${table.tableName}@example.org` });
    await sendDigestBatch(deps, records(await dispatch(runAt)), runAt);
    const [first] = await mailsTo(ada.email);
    expect(first?.body.text).toContain('People worth meeting');
    expect(first?.body.text).toContain('Lena Hoffmann');
    expect(first?.body.text).not.toContain('Max Berger');
    const ledger = await deps.ledger.latestSent([ada.id], ['2030-W10']);
    expect(ledger.get(ada.id)?.detail?.suggestions?.people).toEqual({
      checkedAt: runAt.toISOString(),
      keys: ['lena hoffmann'],
    });

    // A week later Max's talks are in the window, but the section waits for the month to pass.
    const nextWeek = new Date(runAt.getTime() + 7 * 86_400_000);
    const outcome = await sendDigestBatch(deps, records(await dispatch(nextWeek)), nextWeek);
    expect(outcome.outcomes.map((entry) => entry.outcome)).toEqual(['sent']);
    const second = (await mailsTo(ada.email)).find((mail) => mail.messageId !== first?.messageId);
    expect(second?.body.text).toContain('Kubernetes Talk max-1');
    expect(second?.body.text).not.toContain('People worth meeting');
    const carried = await deps.ledger.latestSent([ada.id], ['2030-W11']);
    expect(carried.get(ada.id)?.detail?.suggestions?.people?.checkedAt).toBe(runAt.toISOString());
  });
});
