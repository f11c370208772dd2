import type { TransactionPart } from '../store/transact-write.ts';
import * as z from '../validation/zod.ts';
import { lazySchema } from '../validation/zod.ts';
import { applyContactChange, type ContactChangeDependencies } from './apply-contact-change.ts';
import type { Contact } from './contact.ts';
import { ContactDateInFutureError } from './contact-errors.ts';
import { markTalked } from './contact-input.ts';
import type { ContactOwner } from './contact-owner.ts';
import { localDate } from './next-due-date.ts';

const talkedOnSchema = lazySchema(() => z.object({ on: z.iso.date('must be a real date like 2026-11-25') }));

export interface TalkedResult {
  readonly contact: Contact;
  /** False when a later talk was already recorded: an older one must not pull the next due date back. */
  readonly changed: boolean;
}

/**
 * "We talked" (the page's button, the email link, the API, the CLI): on `on` (the owner's today unless
 * given; never after it), the cadence starts again and a snooze ends. Two at once both succeed and leave
 * the one state "talked on that day" (the loser is applied again to the winner's result).
 */
export async function markContactTalked(
  deps: ContactChangeDependencies,
  owner: Pick<ContactOwner, 'id' | 'timeZone'>,
  contactId: string,
  now: Date,
  options: { readonly on?: string; readonly alsoWrite?: readonly TransactionPart[] } = {},
): Promise<TalkedResult> {
  const today = localDate(now, owner.timeZone);
  const { on } = talkedOnSchema.parse({ on: options.on ?? today });
  if (on > today) throw new ContactDateInFutureError(`talked on ${on} is after today (${today})`);
  return applyContactChange(
    deps,
    owner.id,
    contactId,
    (current) =>
      current.lastContactedOn && on < current.lastContactedOn ? null : markTalked(current, on, now),
    options.alsoWrite,
  );
}
