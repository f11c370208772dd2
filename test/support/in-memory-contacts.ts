import type { Contact } from '../../shared/contacts/contact.ts';
import type { ContactActionDependencies } from '../../shared/contacts/contact-action-dependencies.ts';
import {
  ContactChangedError,
  ContactNotFoundError,
  ReminderScheduleChangedError,
} from '../../shared/contacts/contact-errors.ts';
import type { ContactOwner } from '../../shared/contacts/contact-owner.ts';
import type { ReminderSlot } from '../../shared/store/reminder-slots.ts';

/*
 * The stores the contact use cases talk to, in memory, with the same conditions as the DynamoDB ones
 * (an add checks the owner's zone and hour and counts the contact in the slot; a save needs the
 * `updatedAt` it was read with), for unit tests of the logic above them. The transactions themselves
 * and their races run on DynamoDB Local (test/integration/contact-use-cases.test.ts).
 */

export interface InMemoryContacts {
  readonly deps: ContactActionDependencies;
  readonly contacts: Map<string, Contact>;
  readonly owners: Map<string, ContactOwner>;
  readonly slots: Map<string, ReminderSlot>;
  /** User ids whose calendar cache was dropped, in order. */
  readonly invalidated: string[];
  /** Runs once before the next save lands, as another request in between would. */
  beforeNextSave(meddle: () => void): void;
  /** Runs before each add lands (its owner check), as another request in between would. */
  beforeAdd(meddle: (attempt: number) => void): void;
}

const keyOf = (userId: string, contactId: string) => `${userId}/${contactId}`;

export function inMemoryContacts(owners: readonly ContactOwner[] = []): InMemoryContacts {
  const contacts = new Map<string, Contact>();
  const ownerById = new Map(owners.map((owner) => [owner.id, owner]));
  const slots = new Map<string, ReminderSlot>();
  const invalidated: string[] = [];
  let meddleBeforeSave: (() => void) | null = null;
  let meddleBeforeAdd: (attempt: number) => void = () => {};
  let adds = 0;

  const deps: ContactActionDependencies = {
    users: { get: async (userId) => ownerById.get(userId) ?? null },
    calendars: {
      invalidate: async (userId) => {
        invalidated.push(userId);
      },
    },
    slots: {
      dropIfEmpty: async (userId) => {
        const slot = slots.get(userId);
        if (!slot || slot.contactCount > 0) return false;
        slots.delete(userId);
        return true;
      },
    },
    contacts: {
      async add(contact, schedule) {
        adds += 1;
        meddleBeforeAdd(adds);
        const owner = ownerById.get(contact.userId);
        if (!owner || owner.timeZone !== schedule.timeZone || owner.reminderHour !== schedule.hour)
          throw new ReminderScheduleChangedError(`user ${contact.userId} has another schedule`);
        contacts.set(keyOf(contact.userId, contact.id), contact);
        const count = slots.get(contact.userId)?.contactCount ?? 0;
        slots.set(contact.userId, { userId: contact.userId, ...schedule, contactCount: count + 1 });
      },
      get: async (userId, contactId) => contacts.get(keyOf(userId, contactId)) ?? null,
      listForUser: async (userId) =>
        [...contacts.values()]
          .filter((contact) => contact.userId === userId)
          .sort((a, b) => a.name.localeCompare(b.name)),
      async save(contact, previous) {
        const meddle = meddleBeforeSave;
        meddleBeforeSave = null;
        meddle?.();
        const stored = contacts.get(keyOf(contact.userId, contact.id));
        if (!stored || stored.updatedAt !== previous.updatedAt)
          throw new ContactChangedError(`contact ${contact.id} changed meanwhile`);
        contacts.set(keyOf(contact.userId, contact.id), contact);
      },
      async remove(userId, contactId) {
        if (!contacts.delete(keyOf(userId, contactId)))
          throw new ContactNotFoundError(`no contact ${contactId}`);
        const slot = slots.get(userId);
        if (slot) slots.set(userId, { ...slot, contactCount: slot.contactCount - 1 });
      },
    },
  };

  return {
    deps,
    contacts,
    owners: ownerById,
    slots,
    invalidated,
    beforeNextSave: (meddle) => {
      meddleBeforeSave = meddle;
    },
    beforeAdd: (meddle) => {
      meddleBeforeAdd = meddle;
    },
  };
}
