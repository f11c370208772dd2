import type { CalendarStore } from '../store/calendar-store.ts';
import type { ContactRepository } from '../store/contact-repository.ts';
import type { ReminderSlots } from '../store/reminder-slots.ts';
import type { Contact } from './contact.ts';
import { ContactNotFoundError } from './contact-errors.ts';

export interface RemoveContactDependencies {
  readonly contacts: Pick<ContactRepository, 'get' | 'remove'>;
  readonly slots: Pick<ReminderSlots, 'dropIfEmpty'>;
  readonly calendars: Pick<CalendarStore, 'invalidate'>;
}

export interface RemovedContact {
  readonly contact: Contact;
  /** It was the last one: the user is out of the reminder schedule. */
  readonly remindersEnded: boolean;
}

/**
 * "Remove a contact" (pages, API, CLI): the contact goes and the reminder slot counts one fewer, in one
 * transaction; then a slot that counts none is deleted (conditionally on the count, so an add that came
 * in between keeps it). ContactNotFoundError when it is not this user's or already gone.
 */
export async function removeContact(
  deps: RemoveContactDependencies,
  userId: string,
  contactId: string,
): Promise<RemovedContact> {
  const contact = await deps.contacts.get(userId, contactId);
  if (!contact) throw new ContactNotFoundError(`no contact ${contactId}`);
  await deps.contacts.remove(userId, contactId);
  const remindersEnded = await deps.slots.dropIfEmpty(userId);
  // Due contacts are entries of the calendar feed; dropping its cache is idempotent and no part of the
  // contact's state, so it follows the transaction instead of joining it.
  await deps.calendars.invalidate(userId);
  return { contact, remindersEnded };
}
