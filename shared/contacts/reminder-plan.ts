import type { Contact } from './contact.ts';
import { daysBetween, nextDueDate } from './next-due-date.ts';

export interface DueContact {
  readonly contact: Contact;
  readonly dueOn: string;
  /** Days past the due date (0 on the day). */
  readonly overdueDays: number;
}

/** An overdue contact is reminded again after this many days, not every day. */
export const reRemindAfterDays = 7;

/**
 * The contacts a reminder today should list, most overdue first: due today or earlier, not paused,
 * and not already reminded in the last week since they came due.
 */
export function contactsToRemind(contacts: readonly Contact[], today: string): DueContact[] {
  const due: DueContact[] = [];
  for (const contact of contacts) {
    if (contact.paused) continue;
    const dueOn = nextDueDate(contact);
    if (dueOn > today) continue;
    const reminded = contact.lastRemindedOn;
    if (reminded && reminded >= dueOn && daysBetween(reminded, today) < reRemindAfterDays) continue;
    due.push({ contact, dueOn, overdueDays: daysBetween(dueOn, today) });
  }
  return due.sort((a, b) => b.overdueDays - a.overdueDays || a.contact.name.localeCompare(b.contact.name));
}

/** Active contacts due on or before `to` (overdue ones included), soonest first: the digest's "due this week" and the calendar's entries. */
export function contactsDueBy(contacts: readonly Contact[], today: string, to: string): DueContact[] {
  return contacts
    .filter((contact) => !contact.paused)
    .map((contact) => ({ contact, dueOn: nextDueDate(contact) }))
    .filter((entry) => entry.dueOn <= to)
    .map((entry) => ({ ...entry, overdueDays: Math.max(0, daysBetween(entry.dueOn, today)) }))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.contact.name.localeCompare(b.contact.name));
}
