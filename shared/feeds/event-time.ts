/**
 * Date and time strings from RSS/Atom, JSON Feed and JSON-LD → EventTime.
 *
 * - ISO-8601 with an offset (or Z) is an instant; an offset is not a zone, so timeZone is null.
 * - ISO-8601 without an offset is wall time in the feed's default zone (timeZone = that zone), or UTC.
 * - A date alone is an all-day date.
 * - RFC 2822 ("Tue, 12 May 2026 18:00:00 +0200"), which some RSS feeds use, is an instant.
 */
import { DateTime, IANAZone } from 'luxon';
import type { EventTime } from './raw-event.ts';

const DATE_ONLY = /^(\d{4})-?(\d{2})-?(\d{2})$/;
const STARTS_WITH_DATE = /^\d{4}-?\d{2}-?\d{2}[T ]\d/i;
const SPACE_BEFORE_TIME = /^(\d{4}-?\d{2}-?\d{2}) /;
const OFFSET_SUFFIX = /(?:z|[+-]\d{2}(?::?\d{2})?)$/i;
const TIME_SEPARATOR = /t/i;
const DATE_PREFIX = /^(\d{4})-?(\d{2})-?(\d{2})/;

/** The EventTime a string denotes, or null when it is not a date (garbage, "TBA", "2026-13-45"). */
export function parseEventTime(value: string, defaultTimeZone: string | null): EventTime | null {
  const text = value.trim();
  const dateOnly = DATE_ONLY.exec(text);
  if (dateOnly) {
    const date = `${dateOnly[1]}-${dateOnly[2]}-${dateOnly[3]}`;
    return DateTime.fromISO(date, { zone: 'utc' }).isValid ? { kind: 'date', date } : null;
  }
  if (STARTS_WITH_DATE.test(text)) {
    const iso = text.replace(SPACE_BEFORE_TIME, '$1T');
    const timePart = iso.slice(iso.search(TIME_SEPARATOR) + 1);
    if (OFFSET_SUFFIX.test(timePart)) {
      const parsed = DateTime.fromISO(iso, { setZone: true });
      return parsed.isValid ? { kind: 'instant', utcMs: parsed.toMillis(), timeZone: null } : null;
    }
    const parsed = DateTime.fromISO(iso, { zone: defaultTimeZone ?? 'utc' });
    return parsed.isValid ? { kind: 'instant', utcMs: parsed.toMillis(), timeZone: defaultTimeZone } : null;
  }
  const rfc2822 = DateTime.fromRFC2822(text, { setZone: true });
  return rfc2822.isValid ? { kind: 'instant', utcMs: rfc2822.toMillis(), timeZone: null } : null;
}

/**
 * Feeds written by people (JSON-LD, JSON Feed, RSS) give the LAST day of a multi-day event as its end
 * date; Trellis's all-day end is exclusive (iCalendar semantics), so a date end moves one day on.
 */
export function exclusiveEnd(end: EventTime): EventTime {
  if (end.kind !== 'date') return end;
  return { kind: 'date', date: addDays(end.date, 1) };
}

export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** The date part of a wall-time string ("2026-05-12T19:00" → "2026-05-12"), for all-day overrides. */
export function datePart(value: string): string | null {
  const match = DATE_PREFIX.exec(value.trim());
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}
