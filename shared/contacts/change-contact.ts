import type { TransactionPart } from '../store/transact-write.ts';
import { applyContactChange, type ContactChangeDependencies } from './apply-contact-change.ts';
import type { Contact } from './contact.ts';
import { type ContactChanges, updateContact } from './contact-input.ts';
import type { ContactOwner } from './contact-owner.ts';
import { localDate } from './next-due-date.ts';

export interface ChangeContactOptions {
  /** "Resume": a pause and a snooze both end (the CLI's --resume). */
  readonly endSnooze?: boolean;
  /** Written in the same transaction (a one-use link used up). */
  readonly alsoWrite?: readonly TransactionPart[];
}

/**
 * "Change a contact" (edit form, PATCH, CLI update, the email's cadence form): the given fields,
 * validated (ZodError, ContactDateInFutureError); untouched fields stay. ContactNotFoundError when there
 * is no such contact of this user; a concurrent change is merged by applying these fields to it.
 */
export async function changeContact(
  deps: ContactChangeDependencies,
  owner: Pick<ContactOwner, 'id' | 'timeZone'>,
  contactId: string,
  changes: ContactChanges,
  now: Date,
  options: ChangeContactOptions = {},
): Promise<Contact> {
  const today = localDate(now, owner.timeZone);
  const result = await applyContactChange(
    deps,
    owner.id,
    contactId,
    (current) => {
      const changed = updateContact(current, changes, today, now);
      return options.endSnooze ? { ...changed, snoozedUntil: null } : changed;
    },
    options.alsoWrite,
  );
  return result.contact;
}
