import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addContact } from '../../shared/contacts/add-contact.ts';
import { ContactChangedError, ContactNotFoundError } from '../../shared/contacts/contact-errors.ts';
import { markContactTalked } from '../../shared/contacts/mark-talked.ts';
import { addDays, localDate, nextDueDate } from '../../shared/contacts/next-due-date.ts';
import { removeContact } from '../../shared/contacts/remove-contact.ts';
import { snoozeContact } from '../../shared/contacts/snooze-contact.ts';
import { silentLogger } from '../../shared/log/logger.ts';
import type { ReminderLedgerDetail } from '../../shared/reminders/send-reminders.ts';
import { sendReminderBatch } from '../../shared/reminders/send-reminders.ts';
import { type ContactStores, createContactDependencies } from '../../shared/store/contact-dependencies.ts';
import { createEventStore } from '../../shared/store/event-store.ts';
import { createProfileDependencies } from '../../shared/store/profile-dependencies.ts';
import { createSendLedger } from '../../shared/store/send-ledger.ts';
import { createSuppressionList } from '../../shared/store/suppression-list.ts';
import { registerUser } from '../../shared/users/register-user.ts';
import { saveProfile } from '../../shared/users/save-profile.ts';
import type { UserProfile } from '../../shared/users/user-profile.ts';
import { createLocalTable, type LocalTable } from '../support/local-table.ts';

/*
 * The contact use cases against DynamoDB Local: their transactions, and what happens when requests
 * for one user or one contact arrive at the same time.
 */

let table: LocalTable;
let stores: ContactStores;
const now = new Date('2031-05-06T10:00:00Z');
const today = localDate(now, 'Europe/Berlin');

beforeAll(async () => {
  table = await createLocalTable();
  stores = createContactDependencies(table.documentClient, table.tableName);
});
afterAll(() => table.documentClient.destroy());

let people = 0;
async function newUser(timeZone = 'Europe/Berlin'): Promise<UserProfile> {
  people += 1;
  return registerUser(
    { users: stores.users },
    { email: `person-${people}@example.org`, emailConfirmed: true, timeZone },
    now,
  );
}

const add = (owner: UserProfile, name: string, lastContactedOn: string | null = null) =>
  addContact(stores, owner, { name, relationship: 'mentor', lastContactedOn }, now);

const inSlot = async (owner: UserProfile, timeZone: string, hour = owner.reminderHour) =>
  (await stores.slots.listInSlot(timeZone, hour)).includes(owner.id);

/**
 * The stores, except that the first `readers` reads of a contact wait for one another (so that many
 * requests all read the same version before any of them writes), and lost saves are counted.
 */
function readingTogether(real: ContactStores, readers: number) {
  let waiting: (() => void)[] = [];
  let conflicts = 0;
  const deps: ContactStores = {
    ...real,
    contacts: {
      ...real.contacts,
      async get(userId, contactId) {
        const contact = await real.contacts.get(userId, contactId);
        if (readers > 0) {
          readers -= 1;
          await new Promise<void>((resolve) => {
            waiting.push(resolve);
            if (readers === 0) for (const release of waiting) release();
          });
          waiting = readers === 0 ? [] : waiting;
        }
        return contact;
      },
      async save(contact, previous) {
        try {
          await real.contacts.save(contact, previous);
        } catch (error) {
          if (error instanceof ContactChangedError) conflicts += 1;
          throw error;
        }
      },
    },
  };
  return { deps, conflicts: () => conflicts };
}

describe('contact use cases on DynamoDB Local', () => {
  it('counts every one of parallel adds for one user in their one reminder slot', async () => {
    const ana = await newUser();

    const added = await Promise.all(Array.from({ length: 8 }, (_, index) => add(ana, `Contact ${index}`)));

    expect(await stores.contacts.listForUser(ana.id)).toHaveLength(8);
    expect(await stores.slots.get(ana.id)).toEqual({
      userId: ana.id,
      timeZone: 'Europe/Berlin',
      hour: 9,
      contactCount: 8,
    });
    expect(await stores.slots.listInSlot('Europe/Berlin', 9)).toEqual([ana.id]);
    expect(await stores.slots.listZones()).toContain('Europe/Berlin');
    expect(new Set(added.map((contact) => contact.id)).size).toBe(8);
  });

  it('ends two parallel "we talked" on one contact in one state, the one either would leave alone', async () => {
    const ben = await newUser();
    const jonas = await add(ben, 'Jonas', addDays(today, -50));
    await snoozeContact(stores, ben, jonas.id, 3, now);
    // Both requests read the contact before either writes: the race, every time.
    const racing = readingTogether(stores, 2);

    const both = await Promise.all([
      markContactTalked(racing.deps, ben, jonas.id, now),
      markContactTalked(racing.deps, ben, jonas.id, now),
    ]);

    expect(racing.conflicts()).toBe(1);
    const stored = await stores.contacts.get(ben.id, jonas.id);
    expect(stored).toMatchObject({ lastContactedOn: today, snoozedUntil: null });
    expect(nextDueDate(stored ?? jonas)).toBe(addDays(today, 42));
    // The loser was applied again on top of the winner: the stored contact is its result.
    expect(both.every((result) => result.changed)).toBe(true);
    const updatedAts = both.map((result) => result.contact.updatedAt).sort();
    expect(updatedAts[0]).not.toBe(updatedAts[1]);
    expect(stored?.updatedAt).toBe(updatedAts[1]);
  });

  it('ends a "we talked" and a snooze at once as if one had come after the other', async () => {
    const cleo = await newUser();
    const priya = await add(cleo, 'Priya', addDays(today, -50));

    await Promise.all([
      markContactTalked(stores, cleo, priya.id, now),
      snoozeContact(stores, cleo, priya.id, 7, now),
    ]);

    const stored = await stores.contacts.get(cleo.id, priya.id);
    expect(stored?.lastContactedOn).toBe(today);
    const talkedThenSnoozed = addDays(addDays(today, 42), 7);
    // Snoozed first, the talk ended the snooze; talked first, the snooze counts from the new due date.
    expect([null, talkedThenSnoozed]).toContain(stored?.snoozedUntil);
  });

  it('takes the user out of the reminder slot with the last contact, also when the last two go at once', async () => {
    const dora = await newUser();
    const [first, second, third] = await Promise.all([add(dora, 'A'), add(dora, 'B'), add(dora, 'C')]);
    if (!first || !second || !third) throw new Error('three contacts expected');

    expect(await removeContact(stores, dora.id, first.id)).toMatchObject({ remindersEnded: false });
    expect(await inSlot(dora, 'Europe/Berlin')).toBe(true);
    expect((await stores.slots.get(dora.id))?.contactCount).toBe(2);

    const lastTwo = await Promise.all([
      removeContact(stores, dora.id, second.id),
      removeContact(stores, dora.id, third.id),
    ]);

    expect(lastTwo.filter((removed) => removed.remindersEnded)).toHaveLength(1);
    expect(await stores.slots.get(dora.id)).toBeNull();
    expect(await inSlot(dora, 'Europe/Berlin')).toBe(false);
    expect(await stores.contacts.listForUser(dora.id)).toEqual([]);
    await expect(removeContact(stores, dora.id, first.id)).rejects.toBeInstanceOf(ContactNotFoundError);
  });

  it('adds into the zone the profile has now when the zone it read changed before the write', async () => {
    const emil = await newUser();
    const profiles = createProfileDependencies(table.documentClient, table.tableName);
    const inTokyo = await saveProfile(
      profiles,
      { ...emil, timeZone: 'Asia/Tokyo', updatedAt: now.toISOString() },
      emil,
    );

    // `emil` is the profile as read before the change: Berlin.
    await add(emil, 'Jonas');

    expect(await stores.slots.get(emil.id)).toMatchObject({ timeZone: 'Asia/Tokyo', contactCount: 1 });
    expect(await inSlot(inTokyo, 'Asia/Tokyo')).toBe(true);
    expect(await inSlot(emil, 'Europe/Berlin')).toBe(false);
    expect(await stores.slots.listZones()).toContain('Asia/Tokyo');
  });

  it('never leaves the slot in a stale zone when adds race zone changes', async () => {
    const profiles = createProfileDependencies(table.documentClient, table.tableName);
    const racers = await Promise.all(Array.from({ length: 4 }, () => newUser()));

    await Promise.all(
      racers.flatMap((owner) => [
        add(owner, 'First'),
        saveProfile(profiles, { ...owner, timeZone: 'America/Chicago', updatedAt: now.toISOString() }, owner),
        add(owner, 'Second'),
      ]),
    );

    for (const owner of racers) {
      const profile = await stores.users.get(owner.id);
      expect(profile?.timeZone).toBe('America/Chicago');
      expect(await stores.slots.get(owner.id)).toMatchObject({
        timeZone: 'America/Chicago',
        contactCount: 2,
      });
      expect(await inSlot(owner, 'America/Chicago')).toBe(true);
      expect(await inSlot(owner, 'Europe/Berlin')).toBe(false);
    }
  });

  it('sends nothing for a slot left counting no contact (a crash before it was dropped)', async () => {
    const fay = await newUser();
    const only = await add(fay, 'Jonas', addDays(today, -60));
    // The removal's transaction without the drop that follows it.
    await stores.contacts.remove(fay.id, only.id);
    expect(await stores.slots.get(fay.id)).toMatchObject({ contactCount: 0 });
    const sent: unknown[] = [];

    const batch = await sendReminderBatch(
      {
        users: stores.users,
        contacts: stores.contacts,
        events: createEventStore(table.documentClient, table.tableName),
        ledger: createSendLedger<ReminderLedgerDetail>(table.documentClient, table.tableName, 'reminder'),
        suppression: createSuppressionList(table.documentClient, table.tableName),
        mailer: {
          sendRaw: async (message) => {
            sent.push(message);
            return { providerMessageId: 'never' };
          },
        },
        identity: { from: 'Trellis <r@trellis.test>', replyTo: null, messageIdDomain: 'trellis.test' },
        links: async () => ({
          secret: Buffer.from('a-secret-long-enough-for-links'),
          publicBaseUrl: 'https://t',
        }),
        logger: silentLogger,
      },
      [
        {
          messageId: 'm0',
          body: JSON.stringify({ userId: fay.id, localDate: today, dueAt: now.toISOString() }),
        },
      ],
      now,
    );

    expect(await inSlot(fay, 'Europe/Berlin')).toBe(true);
    expect(batch.outcomes.map((outcome) => outcome.outcome)).toEqual(['nothing-due']);
    expect(sent).toEqual([]);
    expect(await stores.slots.dropIfEmpty(fay.id)).toBe(true);
    expect(await inSlot(fay, 'Europe/Berlin')).toBe(false);
  });
});
