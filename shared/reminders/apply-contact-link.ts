import * as z from 'zod';
import { type Contact, cadenceText } from '../contacts/contact.ts';
import { cadenceSchema, markTalked, snoozeFor, updateContact } from '../contacts/contact-input.ts';
import { localDate, nextDueDate } from '../contacts/next-due-date.ts';
import type { ContactLinkAction, LinkPayload } from '../security/signed-links.ts';
import { ContactChangedError, type ContactRepository } from '../store/contact-repository.ts';
import type { UsedLinks } from '../store/used-links.ts';
import type { UserRepository } from '../store/user-repository.ts';

export interface ContactLinkDependencies {
  readonly users: Pick<UserRepository, 'get'>;
  readonly contacts: Pick<ContactRepository, 'get' | 'save'>;
  readonly usedLinks: UsedLinks;
}

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

/** "Snooze a week": not due before a week from today, or from the due date if that is later. */
export const snoozeDays = 7;

const cadenceForm = z.object({
  every: z.coerce.number().pipe(cadenceSchema.shape.every),
  unit: cadenceSchema.shape.unit,
});

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

function changed(
  contact: Contact,
  action: ContactLinkAction,
  form: Readonly<Record<string, string>>,
  today: string,
  now: Date,
) {
  if (action === 'talked') return markTalked(contact, today, now);
  if (action === 'snooze') return snoozeFor(contact, today, snoozeDays, now);
  const cadence = cadenceForm.parse(form);
  return updateContact(contact, { cadence }, today, now);
}

/**
 * The POST of a contact link from a reminder email: "we talked" (today, in the user's zone), "snooze a
 * week", or a new cadence from the confirmation page's form. A link works once: it is claimed before
 * the change and given back if the change fails.
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
  if (!(await deps.usedLinks.claim(token, link.expiresAt))) return { outcome: 'already-used' };
  try {
    const today = localDate(now, timeZone);
    let contact = current;
    for (let attempt = 1; ; attempt += 1) {
      const next = changed(contact, link.action, form, today, now);
      try {
        await deps.contacts.save(next, contact);
        if (link.action === 'talked')
          return { outcome: 'talked', contactName: next.name, nextDue: nextDueDate(next) };
        if (link.action === 'snooze')
          return {
            outcome: 'snoozed',
            contactName: next.name,
            until: next.snoozedUntil ?? nextDueDate(next),
          };
        return {
          outcome: 'cadence-changed',
          contactName: next.name,
          cadence: cadenceText(next.cadence),
          nextDue: nextDueDate(next),
        };
      } catch (error) {
        if (!(error instanceof ContactChangedError) || attempt >= 3) throw error;
        const reread = await deps.contacts.get(link.userId, current.id);
        if (!reread) return { outcome: 'gone' };
        contact = reread;
      }
    }
  } catch (error) {
    await deps.usedLinks.release(token);
    throw error;
  }
}
