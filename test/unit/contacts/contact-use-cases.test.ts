import { describe, expect, it } from 'vitest';
import { addContact } from '../../../shared/contacts/add-contact.ts';
import { changeContact } from '../../../shared/contacts/change-contact.ts';
import type { Contact } from '../../../shared/contacts/contact.ts';
import {
  ContactChangedError,
  ContactDateInFutureError,
  ContactNotFoundError,
  ContactOwnerNotFoundError,
  ReminderScheduleChangedError,
} from '../../../shared/contacts/contact-errors.ts';
import { markContactTalked } from '../../../shared/contacts/mark-talked.ts';
import { nextDueDate } from '../../../shared/contacts/next-due-date.ts';
import { removeContact } from '../../../shared/contacts/remove-contact.ts';
import { snoozeContact } from '../../../shared/contacts/snooze-contact.ts';
import { isValidationError } from '../../../shared/validation/zod.ts';
import { inMemoryContacts } from '../../support/in-memory-contacts.ts';
import { contact as fixture } from './contact-fixture.ts';

// 20:00 UTC on 15 March is 09:00 on 16 March in Auckland (NZDT): the owner's today is the 16th.
const now = new Date('2027-03-15T20:00:00Z');
const today = '2027-03-16';
const ana = { id: 'usr_ana', timeZone: 'Pacific/Auckland', reminderHour: 9 };

function withContact(overrides: Partial<Contact> = {}) {
  const store = inMemoryContacts([ana]);
  const stored = fixture({ userId: ana.id, ...overrides });
  store.contacts.set(`${ana.id}/${stored.id}`, stored);
  store.slots.set(ana.id, { userId: ana.id, timeZone: ana.timeZone, hour: 9, contactCount: 1 });
  return { store, stored };
}

/** Another request changes the stored contact just before this save lands. */
function changedInBetween(store: ReturnType<typeof inMemoryContacts>, stored: Contact, notes: string) {
  store.beforeNextSave(() => {
    const key = `${ana.id}/${stored.id}`;
    const current = store.contacts.get(key) ?? stored;
    store.contacts.set(key, { ...current, notes, updatedAt: '2027-03-15T19:59:00.000Z' });
  });
}

describe('adding a contact', () => {
  it('stores it with its relationship’s cadence from the owner’s today, counts it in the owner’s slot and drops the calendar cache', async () => {
    const store = inMemoryContacts([ana]);

    const added = await addContact(store.deps, ana, { name: 'Priya Shah', relationship: 'mentee' }, now);

    expect(added).toMatchObject({ userId: ana.id, addedOn: today, cadence: { every: 4, unit: 'weeks' } });
    expect([...store.contacts.values()]).toEqual([added]);
    expect(store.slots.get(ana.id)).toEqual({
      userId: ana.id,
      timeZone: 'Pacific/Auckland',
      hour: 9,
      contactCount: 1,
    });
    expect(store.invalidated).toEqual([ana.id]);
  });

  it('writes nothing for a relationship it does not know or a last talk after today', async () => {
    const store = inMemoryContacts([ana]);

    const unknown = addContact(store.deps, ana, { name: 'X', relationship: 'boss' as 'peer' }, now);
    const future = addContact(
      store.deps,
      ana,
      { name: 'X', relationship: 'peer', lastContactedOn: '2027-03-17' },
      now,
    );

    await expect(unknown).rejects.toSatisfy(isValidationError);
    await expect(future).rejects.toBeInstanceOf(ContactDateInFutureError);
    expect(store.contacts.size).toBe(0);
    expect(store.slots.size).toBe(0);
    expect(store.invalidated).toEqual([]);
  });

  it('joins the slot of the zone the owner has now when the zone it read changed in between', async () => {
    const store = inMemoryContacts([{ ...ana, timeZone: 'Europe/Berlin', reminderHour: 8 }]);

    const added = await addContact(store.deps, ana, { name: 'Jonas', relationship: 'mentor' }, now);

    expect(store.slots.get(ana.id)).toMatchObject({ timeZone: 'Europe/Berlin', hour: 8, contactCount: 1 });
    // In Berlin it is still the 15th.
    expect(added.addedOn).toBe('2027-03-15');
    expect(store.contacts.size).toBe(1);
  });

  it('gives up with ReminderScheduleChangedError when the owner’s zone keeps changing, and writes nothing', async () => {
    const store = inMemoryContacts([ana]);
    const zones = ['Europe/Berlin', 'Europe/Paris', 'Europe/Rome', 'Europe/Madrid'];
    store.beforeAdd((attempt) => {
      store.owners.set(ana.id, { ...ana, timeZone: zones[attempt - 1] ?? 'UTC' });
    });

    const adding = addContact(store.deps, ana, { name: 'Jonas', relationship: 'mentor' }, now);

    await expect(adding).rejects.toBeInstanceOf(ReminderScheduleChangedError);
    expect(store.contacts.size).toBe(0);
    expect(store.slots.size).toBe(0);
  });

  it('says the owner is gone when their profile went while adding', async () => {
    const store = inMemoryContacts([]);

    const adding = addContact(store.deps, ana, { name: 'Jonas', relationship: 'mentor' }, now);

    await expect(adding).rejects.toBeInstanceOf(ContactOwnerNotFoundError);
  });
});

describe('"we talked"', () => {
  it('starts the cadence again from the owner’s today and ends a snooze', async () => {
    const { store, stored } = withContact({ lastContactedOn: '2027-01-01', snoozedUntil: '2027-03-20' });

    const { contact, changed } = await markContactTalked(store.deps, ana, stored.id, now);

    expect(changed).toBe(true);
    expect(contact).toMatchObject({ lastContactedOn: today, snoozedUntil: null });
    expect(nextDueDate(contact)).toBe('2027-04-27');
    expect(store.contacts.get(`${ana.id}/${stored.id}`)).toEqual(contact);
    expect(store.invalidated).toEqual([ana.id]);
  });

  it('changes nothing for a talk older than the one recorded, and refuses one after today', async () => {
    const { store, stored } = withContact({ lastContactedOn: '2027-03-10' });

    const older = await markContactTalked(store.deps, ana, stored.id, now, { on: '2027-03-01' });
    const future = markContactTalked(store.deps, ana, stored.id, now, { on: '2027-03-17' });

    expect(older).toEqual({ contact: stored, changed: false });
    await expect(future).rejects.toBeInstanceOf(ContactDateInFutureError);
    expect(store.contacts.get(`${ana.id}/${stored.id}`)).toEqual(stored);
    expect(store.invalidated).toEqual([]);
  });

  it('is applied again on top of a change that landed in between, so both hold', async () => {
    const { store, stored } = withContact({ lastContactedOn: '2027-01-01' });
    changedInBetween(store, stored, 'Met at the meetup');

    const { contact } = await markContactTalked(store.deps, ana, stored.id, now);

    expect(contact).toMatchObject({ lastContactedOn: today, notes: 'Met at the meetup' });
    expect(store.contacts.get(`${ana.id}/${stored.id}`)).toEqual(contact);
  });

  it('moves updatedAt forward even when the clock did not, so the next save sees the change', async () => {
    const { store, stored } = withContact({ updatedAt: now.toISOString() });

    const first = await markContactTalked(store.deps, ana, stored.id, now);
    const second = await markContactTalked(store.deps, ana, stored.id, now);

    expect(first.contact.updatedAt > stored.updatedAt).toBe(true);
    expect(second.contact.updatedAt > first.contact.updatedAt).toBe(true);
  });

  it('gives up with ContactChangedError when it loses to other changes three times', async () => {
    const { store, stored } = withContact();
    let meddled = 0;
    const meddle = () => {
      meddled += 1;
      const key = `${ana.id}/${stored.id}`;
      const current = store.contacts.get(key) ?? stored;
      store.contacts.set(key, { ...current, updatedAt: `2027-03-15T19:0${meddled}:00.000Z` });
      store.beforeNextSave(meddle);
    };
    store.beforeNextSave(meddle);

    const talked = markContactTalked(store.deps, ana, stored.id, now);

    await expect(talked).rejects.toBeInstanceOf(ContactChangedError);
    expect(meddled).toBe(3);
    expect(store.contacts.get(`${ana.id}/${stored.id}`)?.lastContactedOn).toBeNull();
  });

  it('finds no contact of another user', async () => {
    const { store, stored } = withContact();

    const talked = markContactTalked(store.deps, { ...ana, id: 'usr_other' }, stored.id, now);

    await expect(talked).rejects.toBeInstanceOf(ContactNotFoundError);
  });
});

describe('snoozing and changing a contact', () => {
  it('snoozes from the due date when that is still ahead, and refuses 0 days', async () => {
    const { store, stored } = withContact({ lastContactedOn: '2027-03-10' });

    const snoozed = await snoozeContact(store.deps, ana, stored.id, 3, now);
    const none = snoozeContact(store.deps, ana, stored.id, 0, now);

    expect(snoozed.snoozedUntil).toBe('2027-04-24');
    await expect(none).rejects.toSatisfy(isValidationError);
  });

  it('changes only the given fields; resuming ends a pause and a snooze', async () => {
    const { store, stored } = withContact({ paused: true, snoozedUntil: '2027-04-01', notes: 'Quarterly' });

    const changed = await changeContact(
      store.deps,
      ana,
      stored.id,
      { cadence: { every: 2, unit: 'days' } },
      now,
    );
    const resumed = await changeContact(store.deps, ana, stored.id, { paused: false }, now, {
      endSnooze: true,
    });

    expect(changed).toMatchObject({ paused: true, snoozedUntil: '2027-04-01', notes: 'Quarterly' });
    expect(resumed).toMatchObject({ paused: false, snoozedUntil: null, cadence: { every: 2, unit: 'days' } });
    expect(store.invalidated).toEqual([ana.id, ana.id]);
  });
});

describe('removing a contact', () => {
  it('keeps the owner in the slot while contacts remain and takes them out with the last one', async () => {
    const store = inMemoryContacts([ana]);
    const first = await addContact(store.deps, ana, { name: 'A', relationship: 'peer' }, now);
    const second = await addContact(store.deps, ana, { name: 'B', relationship: 'peer' }, now);

    const one = await removeContact(store.deps, ana.id, first.id);
    expect(one).toEqual({ contact: first, remindersEnded: false });
    expect(store.slots.get(ana.id)?.contactCount).toBe(1);

    const last = await removeContact(store.deps, ana.id, second.id);
    expect(last).toEqual({ contact: second, remindersEnded: true });
    expect(store.slots.has(ana.id)).toBe(false);
    expect(store.invalidated.filter((userId) => userId === ana.id)).toHaveLength(4);
  });

  it('finds no contact that is gone or another user’s, and the slot keeps its count', async () => {
    const { store, stored } = withContact();

    await expect(removeContact(store.deps, 'usr_other', stored.id)).rejects.toBeInstanceOf(
      ContactNotFoundError,
    );
    await expect(removeContact(store.deps, ana.id, 'con_gone')).rejects.toBeInstanceOf(ContactNotFoundError);
    expect(store.slots.get(ana.id)?.contactCount).toBe(1);
  });
});
