import type { Contact } from '../contacts/contact.ts';
import { addDays, localDate } from '../contacts/next-due-date.ts';
import { contactsDueBy } from '../contacts/reminder-plan.ts';
import { actionUrl, signContactLink } from '../security/signed-links.ts';
import type { UserProfile } from '../users/user-profile.ts';
import type { DigestContactDue } from './digest-model.ts';

/** The digest's "due this week": contacts overdue or due in the seven days from the send, with a "we talked" link. */
export function contactsDueThisWeek(
  profile: UserProfile,
  contacts: readonly Contact[],
  links: { readonly secret: Uint8Array; readonly publicBaseUrl: string },
  now: Date,
): DigestContactDue[] {
  const today = localDate(now, profile.timeZone);
  return contactsDueBy(contacts, today, addDays(today, 6)).map(({ contact }) => ({
    name: contact.name,
    relationship: contact.relationship,
    lastContacted: contact.lastContactedOn,
    doneUrl: actionUrl(
      links.publicBaseUrl,
      signContactLink('talked', profile.id, contact.id, now, links.secret),
    ),
  }));
}
