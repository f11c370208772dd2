import { type Contact, cadenceText } from '../contacts/contact.ts';
import { addDays } from '../contacts/next-due-date.ts';
import { contactsDueBy } from '../contacts/reminder-plan.ts';
import type { CalendarReminderEntry } from './calendar-entry.ts';

/**
 * Contacts due within the feed's window, as all-day entries on their due date (an overdue one on
 * today). The UID names the contact and due date, so "we talked" replaces the entry by a later one.
 */
export function contactReminderEntries(
  contacts: readonly Contact[],
  today: string,
  windowDays: number,
): CalendarReminderEntry[] {
  return contactsDueBy(contacts, today, addDays(today, windowDays)).map(({ contact, dueOn }) => ({
    uid: `${contact.id}-${dueOn}@trellis-reminder`,
    date: dueOn < today ? today : dueOn,
    title: `Reconnect with ${contact.name} (${contact.relationship})`,
    description: [
      contact.lastContactedOn ? `Last talked ${contact.lastContactedOn}.` : 'No talk logged yet.',
      `You want to be in touch ${cadenceText(contact.cadence)}.`,
      contact.notes,
    ]
      .filter(Boolean)
      .join('\n\n'),
    lastModified: contact.updatedAt,
  }));
}
