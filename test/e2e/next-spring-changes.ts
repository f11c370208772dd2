/**
 * The days around the next spring daylight-saving changes, so the test keeps crossing upcoming changes
 * (past events are not ingested). Plain calendar rules, no time-zone library: the US moves on the second
 * Sunday of March, the EU on the last Sunday of March, so the US always changes two or three weeks first.
 */

export interface SpringChanges {
  /** The Saturday before and the Monday after the US change, `YYYY-MM-DD`. */
  readonly usBefore: string;
  readonly usAfter: string;
  /** The Saturday before and the Monday after the EU change. */
  readonly euBefore: string;
  readonly euAfter: string;
}

const dayMs = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function secondSundayOfMarch(year: number): number {
  const first = Date.UTC(year, 2, 1);
  return first + (((7 - new Date(first).getUTCDay()) % 7) + 7) * dayMs;
}

function lastSundayOfMarch(year: number): number {
  const last = Date.UTC(year, 2, 31);
  return last - new Date(last).getUTCDay() * dayMs;
}

function changesIn(year: number): SpringChanges {
  const us = secondSundayOfMarch(year);
  const eu = lastSundayOfMarch(year);
  return {
    usBefore: isoDay(us - dayMs),
    usAfter: isoDay(us + dayMs),
    euBefore: isoDay(eu - dayMs),
    euAfter: isoDay(eu + dayMs),
  };
}

/** This year's changes while all four days are at least two days ahead, else next year's. */
export function nextSpringChanges(today: Date): SpringChanges {
  const year = today.getUTCFullYear();
  const thisYear = changesIn(year);
  return Date.parse(thisYear.usBefore) > today.getTime() + 2 * dayMs ? thisYear : changesIn(year + 1);
}

/** `2027-03-13` → `20270313`, as DTSTART wants it. */
export const basicDate = (day: string) => day.replaceAll('-', '');
