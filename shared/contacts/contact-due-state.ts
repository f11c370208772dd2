import type { Contact } from './contact.ts';
import { daysBetween, nextDueDate } from './next-due-date.ts';

/*
 * Where a contact stands on a day, computed once for the pages and the CLI: each says it in its own
 * register (a sentence on the page, a short label in the CLI's table) from the same state.
 */

export type DueState = 'paused' | 'snoozed' | 'overdue' | 'today' | 'upcoming';

export interface ContactDue {
  readonly state: DueState;
  readonly dueOn: string;
  /** Days past the due date when overdue, days ahead when upcoming, otherwise 0. */
  readonly days: number;
}

export function dueStateOf(contact: Contact, today: string): ContactDue {
  const dueOn = nextDueDate(contact);
  if (contact.paused) return { state: 'paused', dueOn, days: 0 };
  if (contact.snoozedUntil && contact.snoozedUntil === dueOn && dueOn > today)
    return { state: 'snoozed', dueOn, days: 0 };
  const ahead = daysBetween(today, dueOn);
  if (ahead < 0) return { state: 'overdue', dueOn, days: -ahead };
  if (ahead === 0) return { state: 'today', dueOn, days: 0 };
  return { state: 'upcoming', dueOn, days: ahead };
}

const dayCount = (count: number) => `${count} ${count === 1 ? 'day' : 'days'}`;

/** "Overdue by 3 days", "Due today", "Due in 5 days", "Snoozed until <date>", "Paused: no reminders". */
export function dueSentence(due: ContactDue, dateText: (date: string) => string = (date) => date): string {
  switch (due.state) {
    case 'paused':
      return 'Paused: no reminders';
    case 'snoozed':
      return `Snoozed until ${dateText(due.dueOn)}`;
    case 'overdue':
      return `Overdue by ${dayCount(due.days)}`;
    case 'today':
      return 'Due today';
    case 'upcoming':
      return `Due in ${dayCount(due.days)}`;
  }
}

/** The short label of a table column: "overdue 3 days", "due today", "snoozed", "paused"; nothing when upcoming. */
export function dueLabel(due: ContactDue): string {
  switch (due.state) {
    case 'overdue':
      return `overdue ${dayCount(due.days)}`;
    case 'today':
      return 'due today';
    case 'upcoming':
      return '';
    default:
      return due.state;
  }
}

/** Active contacts by next due date (most overdue first), then by name; paused ones last, by name. */
export function contactsInDueOrder(contacts: readonly Contact[]): Contact[] {
  return [...contacts].sort(
    (a, b) =>
      Number(a.paused) - Number(b.paused) ||
      (a.paused ? 0 : nextDueDate(a).localeCompare(nextDueDate(b))) ||
      a.name.localeCompare(b.name),
  );
}
