import { ianaZoneRules } from './zone-rules.ts';

/**
 * Calendar dates without a date library: a local date in a zone (through the Intl zone rules), ISO weekdays and
 * weeks (ISO 8601: weeks start on Monday, week 1 holds the year's first Thursday), and whole-day steps. What
 * luxon's `DateTime` gave the digest schedule, in a few lines (test/unit/time/calendar-date.test.ts compares the
 * two), so a bundle that needs only this does not carry luxon's 70 KB.
 */

export interface CalendarDate {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
}

const dayMs = 86_400_000;

const fromUtcMs = (ms: number): CalendarDate => {
  const date = new Date(ms);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
};

const utcMsOf = (date: CalendarDate): number => Date.UTC(date.year, date.month - 1, date.day);

/** The local date at an instant in an IANA zone; throws RangeError for a zone the runtime does not know. */
export function localDateAt(ms: number, timeZone: string): CalendarDate {
  return fromUtcMs(ms + ianaZoneRules(timeZone).offsetAt(ms));
}

/** The date `days` whole days later (earlier when negative). */
export function plusDays(date: CalendarDate, days: number): CalendarDate {
  return fromUtcMs(utcMsOf(date) + days * dayMs);
}

/** ISO weekday: 1 Monday … 7 Sunday. */
export function isoWeekday(date: CalendarDate): number {
  return ((new Date(utcMsOf(date)).getUTCDay() + 6) % 7) + 1;
}

/** The ISO week-numbering year and week of a date: 29 Dec 2025 is 2026-W01. */
export function isoWeekOf(date: CalendarDate): { readonly weekYear: number; readonly week: number } {
  // The week's Thursday decides its year.
  const thursday = plusDays(date, 4 - isoWeekday(date));
  const januaryFirst = Date.UTC(thursday.year, 0, 1);
  return { weekYear: thursday.year, week: Math.floor((utcMsOf(thursday) - januaryFirst) / dayMs / 7) + 1 };
}

/** `2026-W48` */
export function isoWeekText(date: CalendarDate): string {
  const { weekYear, week } = isoWeekOf(date);
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week (the week 4 January is in is week 1). */
export function isoWeekMonday(weekYear: number, week: number): CalendarDate {
  const januaryFourth: CalendarDate = { year: weekYear, month: 1, day: 4 };
  return plusDays(januaryFourth, (week - 1) * 7 - (isoWeekday(januaryFourth) - 1));
}

/** `YYYY-MM-DD` */
export function isoDateText(date: CalendarDate): string {
  return new Date(utcMsOf(date)).toISOString().slice(0, 10);
}
