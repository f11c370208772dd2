import type { ZoneRules } from '../time/zone-rules.ts';
import { localMsToUtcMs } from '../time/zoned-time.ts';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A stored all-day start ("2030-03-12") as local milliseconds (its 00:00 read as if UTC), else NaN. */
export function localDayMsOf(start: string): number {
  const date = DATE_ONLY.exec(start);
  return date ? Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])) : Number.NaN;
}

/**
 * When a stored start begins for a reader in `zone`: a timed start is its instant; an all-day date
 * begins at 00:00 of that date in the reader's zone (a conference "on the 12th" has started for a
 * reader in Tokyo hours before it has for one in New York).
 */
export function startMsInZone(startMs: number, localDayMs: number, zone: ZoneRules): number {
  return Number.isNaN(localDayMs) ? startMs : localMsToUtcMs(zone, localDayMs);
}

/** A stored start string (either shape) as an instant for a reader in `zone`; NaN when unreadable. */
export function storedStartMs(start: string, zone: ZoneRules): number {
  const localDayMs = localDayMsOf(start);
  return startMsInZone(Number.isNaN(localDayMs) ? Date.parse(start) : Number.NaN, localDayMs, zone);
}

/** Two stored starts are the same start: equal dates, or equal instants however written. */
export function sameStoredStart(a: string, b: string): boolean {
  if (a === b) return true;
  if (DATE_ONLY.test(a) || DATE_ONLY.test(b)) return false;
  const aMs = Date.parse(a);
  return !Number.isNaN(aMs) && aMs === Date.parse(b);
}
