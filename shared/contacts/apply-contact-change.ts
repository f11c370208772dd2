import type { CalendarStore } from '../store/calendar-store.ts';
import type { ContactRepository } from '../store/contact-repository.ts';
import type { TransactionPart } from '../store/transact-write.ts';
import type { Contact } from './contact.ts';
import { ContactChangedError, ContactNotFoundError } from './contact-errors.ts';

export interface ContactChangeDependencies {
  readonly contacts: Pick<ContactRepository, 'get' | 'save'>;
  readonly calendars: Pick<CalendarStore, 'invalidate'>;
}

/** A change that keeps losing the race this often gives up with ContactChangedError. */
const attempts = 3;

/**
 * Each write moves `updatedAt` forward, even within one millisecond (or under a test's fixed clock), so
 * it works as the contact's version: a save conditioned on it can never overwrite a change it did not see.
 */
function stampedAfter(next: Contact, current: Contact): Contact {
  if (next.updatedAt > current.updatedAt) return next;
  return { ...next, updatedAt: new Date(Date.parse(current.updatedAt) + 1).toISOString() };
}

/**
 * Reads a contact, applies `change` and saves it on condition that it is still what was read. When
 * another change won in between, the contact is read again and `change` applied to what is stored now:
 * two requests at once end exactly as if they had come one after the other (two "we talked" leave one
 * "talked today"; a snooze and an edit both hold). `change` returns null for "nothing to change".
 * `alsoWrite` goes in the same transaction (a one-use link used up); with it, the contact is written
 * even when nothing changed, so the link is used up all the same.
 */
export async function applyContactChange(
  deps: ContactChangeDependencies,
  userId: string,
  contactId: string,
  change: (current: Contact) => Contact | null,
  alsoWrite: readonly TransactionPart[] = [],
): Promise<{ readonly contact: Contact; readonly changed: boolean }> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await deps.contacts.get(userId, contactId);
    if (!current) throw new ContactNotFoundError(`no contact ${contactId}`);
    const next = change(current);
    if (!next && alsoWrite.length === 0) return { contact: current, changed: false };
    const stamped = stampedAfter(next ?? current, current);
    try {
      await deps.contacts.save(stamped, current, alsoWrite);
    } catch (error) {
      if (error instanceof ContactChangedError && attempt < attempts) continue;
      throw error;
    }
    // Due contacts are entries of the calendar feed. Dropping its cache is idempotent and no part of the
    // contact's state, so it follows the write instead of joining it.
    await deps.calendars.invalidate(userId);
    return { contact: stamped, changed: next !== null };
  }
}
