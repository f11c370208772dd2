import type { TransactionPart } from '../store/transact-write.ts';
import * as z from '../validation/zod.ts';
import { lazySchema } from '../validation/zod.ts';
import { applyContactChange, type ContactChangeDependencies } from './apply-contact-change.ts';
import type { Contact } from './contact.ts';
import { snoozeFor } from './contact-input.ts';
import type { ContactOwner } from './contact-owner.ts';
import { localDate } from './next-due-date.ts';

/** "Snooze a week" unless another number of days is asked for. */
export const defaultSnoozeDays = 7;
export const snoozeDaysSchema = lazySchema(() =>
  z.pipe(
    z.number(),
    z
      .int('must be a whole number')
      .check(z.minimum(1, 'must be at least 1'), z.maximum(365, 'must be at most 365')),
  ),
);

/**
 * "Snooze" (page, email link, API, CLI): not due before max(today, next due) + `days`, so snoozing early
 * never brings the date forward. Two snoozes at once count as two, as they would one after the other.
 */
export async function snoozeContact(
  deps: ContactChangeDependencies,
  owner: Pick<ContactOwner, 'id' | 'timeZone'>,
  contactId: string,
  days: number,
  now: Date,
  options: { readonly alsoWrite?: readonly TransactionPart[] } = {},
): Promise<Contact> {
  const checkedDays = snoozeDaysSchema.parse(days);
  const today = localDate(now, owner.timeZone);
  const result = await applyContactChange(
    deps,
    owner.id,
    contactId,
    (current) => snoozeFor(current, today, checkedDays, now),
    options.alsoWrite,
  );
  return result.contact;
}
