import { DateTime } from 'luxon';
import type { Cadence, Contact } from './contact.ts';

/** A calendar date plus whole days: no zone, no DST, month ends and leap days as the calendar has them. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate() ?? date;
}

export function daysBetween(from: string, to: string): number {
  return Math.round(
    DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days,
  );
}

export function cadenceDays(cadence: Cadence): number {
  return cadence.unit === 'weeks' ? cadence.every * 7 : cadence.every;
}

/**
 * Next due = last contacted (or the day the contact was added) + cadence, unless snoozed past that.
 * Plain date arithmetic: 31 Jan + 4 weeks is 28 Feb, 29 Feb 2028 + 52 weeks is 27 Feb 2029.
 */
export function nextDueDate(
  contact: Pick<Contact, 'lastContactedOn' | 'addedOn' | 'cadence' | 'snoozedUntil'>,
): string {
  const due = addDays(contact.lastContactedOn ?? contact.addedOn, cadenceDays(contact.cadence));
  return contact.snoozedUntil && contact.snoozedUntil > due ? contact.snoozedUntil : due;
}

/** The user's local date at an instant. */
export function localDate(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate() ?? at.toISOString().slice(0, 10);
}
