import { cadenceText } from '../contacts/contact.ts';
import { daysBetween } from '../contacts/next-due-date.ts';
import type { DueContact } from '../contacts/reminder-plan.ts';
import type { StoredEvent } from '../events/stored-event.ts';
import { actionUrl, signContactLink } from '../security/signed-links.ts';
import type { UserProfile } from '../users/user-profile.ts';
import type { ReminderContactItem, ReminderModel } from './reminder-model.ts';
import { suggestEvents } from './suggest-events.ts';

export interface ReminderLinks {
  readonly secret: Uint8Array;
  readonly publicBaseUrl: string;
}

/** The reminder email of one user for one local date: the due contacts with suggestions and signed links. */
export function buildReminderModel(
  profile: UserProfile,
  due: readonly DueContact[],
  upcoming: readonly StoredEvent[],
  today: string,
  links: ReminderLinks,
  now: Date,
): ReminderModel {
  const contacts: ReminderContactItem[] = due.map(({ contact, dueOn, overdueDays }) => {
    const link = (action: 'talked' | 'snooze' | 'cadence') =>
      actionUrl(links.publicBaseUrl, signContactLink(action, profile.id, contact.id, now, links.secret));
    return {
      contactId: contact.id,
      name: contact.name,
      relationship: contact.relationship,
      organization: contact.organization,
      lastContactedOn: contact.lastContactedOn,
      dueOn,
      daysSinceContact: daysBetween(contact.lastContactedOn ?? contact.addedOn, today),
      neverContacted: contact.lastContactedOn === null,
      overdueDays,
      cadenceText: cadenceText(contact.cadence),
      notes: contact.notes,
      suggestions: suggestEvents(profile, contact, upcoming),
      links: { talkedUrl: link('talked'), snoozeUrl: link('snooze'), cadenceUrl: link('cadence') },
    };
  });
  return {
    recipient: { email: profile.email, name: profile.name, timeZone: profile.timeZone },
    today,
    contacts,
    links: { contactsUrl: `${links.publicBaseUrl.replace(/\/$/, '')}/contacts` },
  };
}
