import { isoWeekday, isoWeekText, localDateAt, plusDays } from '../time/calendar-date.ts';
import { wallTimeToUtcMs } from '../time/zoned-time.ts';
import { type Weekday, weekdays } from '../users/user-profile.ts';

/**
 * When a weekly digest is due. A user's digest is due once per ISO week, at their chosen weekday and
 * local hour in their zone, converted the RFC 5545 way: an hour that does not exist that day (the
 * spring-forward gap) is read with the offset before the gap, which lands on the first instant after
 * it; an hour that happens twice (fall back) is its first occurrence. So every ISO week has exactly
 * one due instant — never two, never none — and the hourly dispatcher, whose windows tile time, meets
 * each one exactly once.
 */

export interface DigestSlot {
  readonly weekday: Weekday;
  readonly hour: number;
}

export interface DueSlot extends DigestSlot {
  /** The due instant (UTC ms). */
  readonly dueMs: number;
  /** ISO week of the local date it is due on, in the user's zone: `2026-W48`. */
  readonly isoWeek: string;
}

const hourMs = 3_600_000;
const dayMs = 86_400_000;

export function isoWeekOfLocalDate(year: number, month: number, day: number): string {
  return isoWeekText({ year, month, day });
}

/** The ISO week an instant falls in, in a zone. */
export function isoWeekAt(ms: number, timeZone: string): string {
  return isoWeekText(localDateAt(ms, timeZone));
}

/** Every (weekday, hour) of a zone whose due instant lies in (fromMs, toMs]. */
export function dueSlotsInWindow(timeZone: string, fromMs: number, toMs: number): DueSlot[] {
  const slots: DueSlot[] = [];
  // Local dates that can hold a due instant in the window: a day either side covers any offset.
  const first = localDateAt(fromMs - dayMs, timeZone);
  const last = isoDateKey(localDateAt(toMs + dayMs, timeZone));
  for (let date = first; isoDateKey(date) <= last; date = plusDays(date, 1)) {
    const weekday = weekdays[isoWeekday(date) - 1];
    if (!weekday) continue;
    for (let hour = 0; hour < 24; hour += 1) {
      const dueMs = wallTimeToUtcMs(date.year, date.month, date.day, hour, 0, 0, timeZone);
      if (dueMs > fromMs && dueMs <= toMs) {
        slots.push({ weekday, hour, dueMs, isoWeek: isoWeekOfLocalDate(date.year, date.month, date.day) });
      }
    }
  }
  return slots;
}

/** The due instant of a user's digest in the ISO week that contains `atMs` (in their zone). */
export function digestDueInWeekOf(slot: DigestSlot, timeZone: string, atMs: number): DueSlot {
  const local = localDateAt(atMs, timeZone);
  const day = plusDays(local, weekdays.indexOf(slot.weekday) - (isoWeekday(local) - 1));
  return {
    ...slot,
    dueMs: wallTimeToUtcMs(day.year, day.month, day.day, slot.hour, 0, 0, timeZone),
    isoWeek: isoWeekOfLocalDate(day.year, day.month, day.day),
  };
}

/** A date as one comparable number (20300304). */
const isoDateKey = (date: { year: number; month: number; day: number }) =>
  date.year * 10_000 + date.month * 100 + date.day;

/** The hour boundary at or before an instant: dispatch windows are whole UTC hours. */
export function hourFloor(ms: number): number {
  return Math.floor(ms / hourMs) * hourMs;
}

/** At most this far back the dispatcher catches up after missed runs. */
export const maxCatchUpMs = 48 * hourMs;

/**
 * The windows a dispatch run at `nowMs` covers: from where the last run stopped (or the last hour)
 * to the hour boundary just passed, at most 48 hours back.
 */
export function dispatchWindow(
  nowMs: number,
  lastWindowEndMs: number | null,
): { fromMs: number; toMs: number } | null {
  const toMs = hourFloor(nowMs);
  const fromMs = Math.max(lastWindowEndMs ?? toMs - hourMs, toMs - maxCatchUpMs);
  return fromMs < toMs ? { fromMs, toMs } : null;
}
