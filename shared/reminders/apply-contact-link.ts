import type { ContactChangeDependencies } from '../contacts/apply-contact-change.ts';
import { changeContact } from '../contacts/change-contact.ts';
import { type Contact, cadenceText } from '../contacts/contact.ts';
import { ContactNotFoundError } from '../contacts/contact-errors.ts';
import { cadenceSchema } from '../contacts/contact-input.ts';
import type { ContactOwners } from '../contacts/contact-owner.ts';
import { markContactTalked } from '../contacts/mark-talked.ts';
import { nextDueDate } from '../contacts/next-due-date.ts';
import { defaultSnoozeDays, snoozeContact } from '../contacts/snooze-contact.ts';
import type { ContactLinkAction, LinkPayload } from '../security/signed-links.ts';
import { TransactionCancelledError, type TransactionPart } from '../store/transact-write.ts';
import type { UsedLinks } from '../store/used-links.ts';
import * as z from '../validation/zod.ts';
import { lazySchema } from '../validation/zod.ts';

/** The contact use cases' stores, the owner's profile (for their zone) and the single-use link record. */
export type ContactLinkDependencies = ContactChangeDependencies & {
  readonly users: ContactOwners;
  readonly usedLinks: UsedLinks;
};

export type ContactLinkResult =
  | { readonly outcome: 'talked'; readonly contactName: string; readonly nextDue: string }
  | { readonly outcome: 'snoozed'; readonly contactName: string; readonly until: string }
  | {
      readonly outcome: 'cadence-changed';
      readonly contactName: string;
      readonly cadence: string;
      readonly nextDue: string;
    }
  | { readonly outcome: 'invalid-form'; readonly contactName: string; readonly problems: readonly string[] }
  | { readonly outcome: 'already-used' }
  | { readonly outcome: 'gone' };

const cadenceForm = lazySchema(() =>
  z.object({
    every: z.pipe(z.coerce.number(), cadenceSchema.shape.every),
    unit: cadenceSchema.shape.unit,
  }),
);

export interface ContactLinkSubject {
  readonly contact: Contact;
  readonly timeZone: string;
}

/** What a contact link is about, for its confirmation page; null when the user or contact is gone. */
export async function contactLinkSubject(
  deps: Pick<ContactLinkDependencies, 'users' | 'contacts'>,
  link: LinkPayload,
): Promise<ContactLinkSubject | null> {
  if (!link.contactId) return null;
  const [profile, contact] = await Promise.all([
    deps.users.get(link.userId),
    deps.contacts.get(link.userId, link.contactId),
  ]);
  return profile && contact ? { contact, timeZone: profile.timeZone } : null;
}

/**
 * The POST of a contact link from a reminder email: "we talked" (today, in the user's zone), "snooze a
 * week", or a new cadence from the confirmation page's form. A link works once: it is used up in the
 * change's own transaction, so a change that fails leaves it usable and one that succeeds never runs twice.
 */
export async function applyContactLink(
  deps: ContactLinkDependencies,
  token: string,
  link: LinkPayload & { readonly action: ContactLinkAction },
  form: Readonly<Record<string, string>>,
  now: Date,
): Promise<ContactLinkResult> {
  const subject = await contactLinkSubject(deps, link);
  if (!subject) return { outcome: 'gone' };
  const { contact: current, timeZone } = subject;
  if (link.action === 'cadence') {
    const checked = cadenceForm.safeParse(form);
    if (!checked.success)
      return {
        outcome: 'invalid-form',
        contactName: current.name,
        problems: checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      };
  }
  const useUp = [deps.usedLinks.claimPart(token, link.expiresAt)];
  try {
    return await applyAction(deps, { id: link.userId, timeZone }, current.id, link.action, form, now, useUp);
  } catch (error) {
    // Removed since the page was shown: the link has nothing left to do.
    if (error instanceof ContactNotFoundError) return { outcome: 'gone' };
    if (error instanceof TransactionCancelledError && error.failedOn('used-link'))
      return { outcome: 'already-used' };
    throw error;
  }
}

/** The same use cases as the pages, the API and the CLI: the link only says which one. */
async function applyAction(
  deps: ContactChangeDependencies,
  owner: { readonly id: string; readonly timeZone: string },
  contactId: string,
  action: ContactLinkAction,
  form: Readonly<Record<string, string>>,
  now: Date,
  alsoWrite: readonly TransactionPart[],
): Promise<ContactLinkResult> {
  if (action === 'talked') {
    const { contact } = await markContactTalked(deps, owner, contactId, now, { alsoWrite });
    return { outcome: 'talked', contactName: contact.name, nextDue: nextDueDate(contact) };
  }
  if (action === 'snooze') {
    const contact = await snoozeContact(deps, owner, contactId, defaultSnoozeDays, now, { alsoWrite });
    return {
      outcome: 'snoozed',
      contactName: contact.name,
      until: contact.snoozedUntil ?? nextDueDate(contact),
    };
  }
  const contact = await changeContact(deps, owner, contactId, { cadence: cadenceForm.parse(form) }, now, {
    alsoWrite,
  });
  return {
    outcome: 'cadence-changed',
    contactName: contact.name,
    cadence: cadenceText(contact.cadence),
    nextDue: nextDueDate(contact),
  };
}
