import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addContact as addContactFor } from '../../shared/contacts/add-contact.ts';
import type { NewContactInput } from '../../shared/contacts/contact-input.ts';
import { nextDueDate } from '../../shared/contacts/next-due-date.ts';
import type { LocalSes } from '../../shared/local/ses-local.ts';
import { silentLogger } from '../../shared/log/logger.ts';
import { createSesMailer } from '../../shared/mail/mailer.ts';
import type { ReminderMessage } from '../../shared/queue/reminder-message.ts';
import { applyContactLink } from '../../shared/reminders/apply-contact-link.ts';
import { dispatchDueReminders, type ReminderSlotDue } from '../../shared/reminders/dispatch-reminders.ts';
import {
  type ReminderLedgerDetail,
  type ReminderSendDependencies,
  sendReminderBatch,
} from '../../shared/reminders/send-reminders.ts';
import { verifyLink } from '../../shared/security/signed-links.ts';
import { createContactDependencies } from '../../shared/store/contact-dependencies.ts';
import { type ContactRepository, createContactRepository } from '../../shared/store/contact-repository.ts';
import { createDispatchProgress } from '../../shared/store/dispatch-progress.ts';
import { createEventStore } from '../../shared/store/event-store.ts';
import { createReminderSlots, type ReminderSlots } from '../../shared/store/reminder-slots.ts';
import { createSendLedger } from '../../shared/store/send-ledger.ts';
import { createSuppressionList } from '../../shared/store/suppression-list.ts';
import { createUsedLinks } from '../../shared/store/used-links.ts';
import { createUserRepository, type UserRepository } from '../../shared/store/user-repository.ts';
import { buildUserProfile } from '../../shared/users/profile-input.ts';
import type { UserProfile } from '../../shared/users/user-profile.ts';
import { startTestSes } from '../support/local-ses.ts';
import { createLocalTable, type LocalTable } from '../support/local-table.ts';

// Wednesday 2030-03-06, 09:00 in Berlin (CET) is 08:00Z.
const nineInBerlin = new Date('2030-03-06T08:00:30Z');
const today = '2030-03-06';
const secret = Buffer.from('a-test-secret-that-is-long-enough-to-sign-links');

let ses: LocalSes;
let sesClient: SESv2Client;
let table: LocalTable;
let users: UserRepository;
let contacts: ContactRepository;
let slots: ReminderSlots;
let deps: ReminderSendDependencies;
let sentRaw: Uint8Array[];
let ana: UserProfile;

beforeAll(async () => {
  ({ ses, client: sesClient } = await startTestSes());
});
afterAll(() => ses.stop());

beforeEach(async () => {
  table = await createLocalTable();
  users = createUserRepository(table.documentClient, table.tableName);
  contacts = createContactRepository(table.documentClient, table.tableName);
  slots = createReminderSlots(table.documentClient, table.tableName);
  ana = buildUserProfile(
    {
      email: `ana-${table.tableName}@example.org`,
      emailConfirmed: true,
      name: 'Ana',
      timeZone: 'Europe/Berlin',
    },
    nineInBerlin,
  );
  await users.create(ana);
  sentRaw = [];
  const mailer = createSesMailer(sesClient, {
    configurationSet: null,
    retry: { attempts: 2, pause: async () => {} },
  });
  deps = {
    users,
    contacts,
    events: createEventStore(table.documentClient, table.tableName),
    ledger: createSendLedger<ReminderLedgerDetail>(table.documentClient, table.tableName, 'reminder'),
    suppression: createSuppressionList(table.documentClient, table.tableName),
    mailer: {
      sendRaw: async (message) => {
        sentRaw.push(message.raw);
        return mailer.sendRaw(message);
      },
    },
    identity: { from: 'Trellis <reminders@trellis.test>', replyTo: null, messageIdDomain: 'trellis.test' },
    links: async () => ({ secret, publicBaseUrl: 'https://trellis.test' }),
    logger: silentLogger,
  };
});

/** Through the one "add a contact": the contact and Ana's reminder slot. */
function addContact(name: string, fields: Partial<NewContactInput> = {}) {
  return addContactFor(
    createContactDependencies(table.documentClient, table.tableName),
    ana,
    { name, relationship: 'mentor', ...fields },
    nineInBerlin,
  );
}

const linkDepsOf = () => ({
  ...createContactDependencies(table.documentClient, table.tableName),
  usedLinks: createUsedLinks(table.tableName, table.documentClient),
});

const message = (localDate: string): ReminderMessage => ({
  userId: ana.id,
  localDate,
  dueAt: nineInBerlin.toISOString(),
});
const records = (...messages: ReminderMessage[]) =>
  messages.map((entry, index) => ({ messageId: `m${index}`, body: JSON.stringify(entry) }));

async function sentTexts() {
  return Promise.all(sentRaw.map(async (raw) => (await simpleParser(Buffer.from(raw))).text ?? ''));
}

describe('reconnect reminders', () => {
  it('queues a Berlin user at 09:00 local time, once, whatever the dispatcher runs', async () => {
    await addContact('Jonas', { lastContactedOn: '2030-01-23' });
    const queued: ReminderMessage[] = [];
    const dispatchDeps = {
      slots,
      progress: createDispatchProgress<ReminderSlotDue>(table.documentClient, table.tableName, 'reminder'),
      queue: { enqueue: async (messages: readonly ReminderMessage[]) => void queued.push(...messages) },
      logger: silentLogger,
    };
    await dispatchDueReminders(dispatchDeps, nineInBerlin);
    await dispatchDueReminders(dispatchDeps, nineInBerlin);
    await dispatchDueReminders(dispatchDeps, new Date(nineInBerlin.getTime() + 3_600_000));
    expect(queued).toEqual([{ userId: ana.id, localDate: today, dueAt: '2030-03-06T08:00:00.000Z' }]);
  });

  it('sends one email per day listing every due contact, most overdue first, however often it runs', async () => {
    await addContact('Jonas', { lastContactedOn: '2030-01-23' }); // 6 weeks: due today
    await addContact('Priya', { relationship: 'mentee', lastContactedOn: '2030-01-30' }); // 4 weeks: 1 week overdue
    await addContact('Li', { lastContactedOn: '2030-02-20' }); // not due
    const first = await sendReminderBatch(deps, records(message(today)), nineInBerlin);
    const again = await sendReminderBatch(deps, records(message(today), message(today)), nineInBerlin);
    expect(first.outcomes.map((entry) => entry.outcome)).toEqual(['sent']);
    // The contacts now carry today's reminder; the ledger is what stops a second email when that
    // mark was not written (a crash right after the send).
    expect(again.outcomes.map((entry) => entry.outcome)).toEqual(['nothing-due', 'nothing-due']);
    const [text] = await sentTexts();
    expect(sentRaw).toHaveLength(1);
    expect(text?.indexOf('Priya')).toBeLessThan(text?.indexOf('Jonas') ?? 0);
    expect(text).not.toContain('Li\n');
  });

  it('marks the send and the contacts reminded together, so a retry sends nothing more', async () => {
    const jonas = await addContact('Jonas', { lastContactedOn: '2030-01-23' });

    const first = await sendReminderBatch(deps, records(message(today)), nineInBerlin);
    const retried = await sendReminderBatch(deps, records(message(today)), nineInBerlin);

    expect(first.outcomes.map((entry) => entry.outcome)).toEqual(['sent']);
    // Jonas carries today's date: nothing is due, and the ledger would say SENT anyway.
    expect(retried.outcomes.map((entry) => entry.outcome)).toEqual(['nothing-due']);
    expect((await contacts.get(ana.id, jonas.id))?.lastRemindedOn).toBe(today);
    const nextDay = new Date(nineInBerlin.getTime() + 86_400_000);
    const tomorrow = await sendReminderBatch(deps, records(message('2030-03-07')), nextDay);
    expect(tomorrow.outcomes.map((entry) => entry.outcome)).toEqual(['nothing-due']);
    expect(sentRaw).toHaveLength(1);
  });

  it('still records the send when a listed contact is removed while the mail goes out', async () => {
    const jonas = await addContact('Jonas', { lastContactedOn: '2030-01-23' });
    const mira = await addContact('Mira', { lastContactedOn: '2030-01-20' });
    const removing: ReminderSendDependencies = {
      ...deps,
      mailer: {
        sendRaw: async (mail) => {
          const sent = await deps.mailer.sendRaw(mail);
          await contacts.remove(ana.id, mira.id);
          return sent;
        },
      },
    };

    const result = await sendReminderBatch(removing, records(message(today)), nineInBerlin);

    expect(result.outcomes.map((entry) => entry.outcome)).toEqual(['sent']);
    expect((await contacts.get(ana.id, jonas.id))?.lastRemindedOn).toBe(today);
    expect(await contacts.get(ana.id, mira.id)).toBeNull();
    const retried = await sendReminderBatch(deps, records(message(today)), nineInBerlin);
    expect(retried.outcomes.map((entry) => entry.outcome)).toEqual(['nothing-due']);
    expect(sentRaw).toHaveLength(1);
  });

  it('reminds an overdue contact again a week later, not every day, and never a paused one', async () => {
    await addContact('Jonas', { lastContactedOn: '2030-01-23' });
    await addContact('Claire', { relationship: 'sponsor', lastContactedOn: '2029-10-01', paused: true });
    const at = (day: string) => new Date(`${day}T08:00:30Z`);
    const outcomes: string[] = [];
    for (const day of ['2030-03-06', '2030-03-07', '2030-03-12', '2030-03-13']) {
      const result = await sendReminderBatch(deps, records(message(day)), at(day));
      outcomes.push(`${day} ${result.outcomes[0]?.outcome}`);
    }
    expect(outcomes).toEqual([
      '2030-03-06 sent',
      '2030-03-07 nothing-due',
      '2030-03-12 nothing-due',
      '2030-03-13 sent',
    ]);
    expect((await sentTexts()).every((text) => !text.includes('Claire'))).toBe(true);
  });

  it('moves the next due date when "We talked" is confirmed, and the link works only once', async () => {
    const jonas = await addContact('Jonas', { lastContactedOn: '2030-01-23' });
    await sendReminderBatch(deps, records(message(today)), nineInBerlin);
    const [text] = await sentTexts();
    const url = /We talked:\s+(\S+)/.exec(text ?? '')?.[1] ?? '';
    const token = url.split('/a/')[1] ?? '';
    const link = verifyLink(token, secret, nineInBerlin);
    expect(link).toMatchObject({ action: 'talked', userId: ana.id, contactId: jonas.id });
    expect(link.expiresAt - Math.floor(nineInBerlin.getTime() / 1000)).toBe(30 * 86_400);

    const linkDeps = linkDepsOf();
    const action = { ...link, action: 'talked' as const };
    expect(await applyContactLink(linkDeps, token, action, {}, nineInBerlin)).toEqual({
      outcome: 'talked',
      contactName: 'Jonas',
      nextDue: '2030-04-17',
    });
    expect(nextDueDate((await contacts.get(ana.id, jonas.id)) ?? jonas)).toBe('2030-04-17');
    expect(await applyContactLink(linkDeps, token, action, {}, nineInBerlin)).toEqual({
      outcome: 'already-used',
    });
    // Opened again, the link says it was used before asking anything.
    expect(await linkDeps.usedLinks.isUsed(token)).toBe(true);
    expect(await linkDeps.usedLinks.isUsed(`${token}x`)).toBe(false);
  });

  it('uses a link up in the change it makes: posted twice at once, one change; a failed change leaves it usable', async () => {
    const jonas = await addContact('Jonas', { lastContactedOn: '2030-01-23' });
    await sendReminderBatch(deps, records(message(today)), nineInBerlin);
    const url = /Snooze a week:\s+(\S+)/.exec((await sentTexts())[0] ?? '')?.[1] ?? '';
    const token = url.split('/a/')[1] ?? '';
    const link = { ...verifyLink(token, secret, nineInBerlin), action: 'snooze' as const };
    const failing = {
      ...linkDepsOf(),
      contacts: {
        ...contacts,
        save: async () => {
          throw new Error('the table is unavailable');
        },
      },
    };
    await expect(applyContactLink(failing, token, link, {}, nineInBerlin)).rejects.toThrow('unavailable');

    const outcomes = await Promise.all([
      applyContactLink(linkDepsOf(), token, link, {}, nineInBerlin),
      applyContactLink(linkDepsOf(), token, link, {}, nineInBerlin),
    ]);

    expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(['already-used', 'snoozed']);
    // One snooze of a week, not two.
    const snoozed = await contacts.get(ana.id, jonas.id);
    expect(snoozed?.snoozedUntil).toBe(outcomes.find((outcome) => outcome.outcome === 'snoozed')?.until);
    expect(nextDueDate(snoozed ?? jonas)).toBe('2030-03-13');
  });

  it('changes the cadence from the confirmation form and rejects a bad one without using up the link', async () => {
    const jonas = await addContact('Jonas', { lastContactedOn: '2030-01-23' });
    await sendReminderBatch(deps, records(message(today)), nineInBerlin);
    const url = /Change cadence:\s+(\S+)/.exec((await sentTexts())[0] ?? '')?.[1] ?? '';
    const token = url.split('/a/')[1] ?? '';
    const link = { ...verifyLink(token, secret, nineInBerlin), action: 'cadence' as const };
    const linkDeps = linkDepsOf();
    expect(
      await applyContactLink(linkDeps, token, link, { every: '0', unit: 'weeks' }, nineInBerlin),
    ).toMatchObject({
      outcome: 'invalid-form',
    });
    expect(
      await applyContactLink(linkDeps, token, link, { every: '2', unit: 'weeks' }, nineInBerlin),
    ).toEqual({
      outcome: 'cadence-changed',
      contactName: 'Jonas',
      cadence: 'every 2 weeks',
      nextDue: '2030-02-06',
    });
    expect((await contacts.get(ana.id, jonas.id))?.cadence).toEqual({ every: 2, unit: 'weeks' });
  });

  it('never mails an unconfirmed or suppressed address', async () => {
    await addContact('Jonas', { lastContactedOn: '2030-01-23' });
    await createSuppressionList(table.documentClient, table.tableName).suppress(
      ana.email,
      'complaint',
      'spam report',
      nineInBerlin,
    );
    const result = await sendReminderBatch(deps, records(message(today)), nineInBerlin);
    expect(result.outcomes.map((entry) => entry.outcome)).toEqual(['suppressed']);
    expect(sentRaw).toHaveLength(0);
  });
});
