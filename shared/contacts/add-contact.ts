import type { CalendarStore } from '../store/calendar-store.ts';
import type { ContactRepository } from '../store/contact-repository.ts';
import * as z from '../validation/zod.ts';
import { lazySchema } from '../validation/zod.ts';
import type { Contact } from './contact.ts';
import { ContactOwnerNotFoundError, ReminderScheduleChangedError } from './contact-errors.ts';
import { buildContact, contactFieldsSchema, type NewContactInput } from './contact-input.ts';
import type { ContactOwner, ContactOwners } from './contact-owner.ts';
import { localDate } from './next-due-date.ts';

export interface AddContactDependencies {
  readonly contacts: Pick<ContactRepository, 'add'>;
  readonly users: ContactOwners;
  readonly calendars: Pick<CalendarStore, 'invalidate'>;
}

/** Name and relationship first: the default cadence depends on the relationship. */
const namedSchema = lazySchema(() =>
  z.looseObject({
    name: contactFieldsSchema.shape.name,
    relationship: contactFieldsSchema.shape.relationship,
  }),
);

/** A zone change racing the add is retried with the new zone; one that keeps changing gives up. */
const attempts = 3;

/**
 * "Add a contact" (pages, JSON API, CLI, demo): validated (ZodError, ContactDateInFutureError), then the
 * contact and the owner's reminder slot in one transaction, on condition that the owner's zone and
 * reminder hour are still the ones read here; if they changed, the add is made again with the new ones,
 * so the slot can never be left in a zone the user has left. `owner` is the profile as the caller read it.
 */
export async function addContact(
  deps: AddContactDependencies,
  owner: ContactOwner,
  input: NewContactInput,
  now: Date,
): Promise<Contact> {
  namedSchema.parse(input);
  let schedule: ContactOwner = owner;
  for (let attempt = 1; ; attempt += 1) {
    // "Today" is the owner's local date: the cadence counts from it until the first "we talked".
    const contact = buildContact(owner.id, input, localDate(now, schedule.timeZone), now);
    try {
      await deps.contacts.add(contact, { timeZone: schedule.timeZone, hour: schedule.reminderHour });
    } catch (error) {
      if (!(error instanceof ReminderScheduleChangedError) || attempt >= attempts) throw error;
      const fresh = await deps.users.get(owner.id);
      if (!fresh) throw new ContactOwnerNotFoundError(`no user ${owner.id}`);
      schedule = fresh;
      continue;
    }
    // Due contacts are entries of the calendar feed; dropping its cache is idempotent and no part of
    // the contact's state, so it follows the transaction instead of joining it.
    await deps.calendars.invalidate(owner.id);
    return contact;
  }
}
