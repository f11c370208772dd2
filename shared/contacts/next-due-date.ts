import { ianaZoneRules } from '../time/zone-rules.ts';
import type { Cadence, Contact } from './contact.ts';

const dayMs = 86_400_000;

/** Milliseconds of a `YYYY-MM-DD` calendar date at UTC midnight, or NaN when it is no date. */
function dateMs(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return Number.NaN;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(ms).toISOString().slice(0, 10) === date ? ms : Number.NaN;
}

/** A calendar date plus whole days: no zone, no DST, month ends and leap days as the calendar has them. */
export function addDays(date: string, days: number): string {
  const ms = dateMs(date);
  return Number.isNaN(ms) ? date : new Date(ms + Math.round(days) * dayMs).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((dateMs(to) - dateMs(from)) / dayMs);
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

/** The user's local date at an instant (the UTC date for a zone the runtime does not know). */
export function localDate(at: Date, timeZone: string): string {
  let offsetMs = 0;
  try {
    offsetMs = ianaZoneRules(timeZone).offsetAt(at.getTime());
  } catch {
    offsetMs = 0;
  }
  return new Date(at.getTime() + offsetMs).toISOString().slice(0, 10);
}
