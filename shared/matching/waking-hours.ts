/**
 * Waking hours: an online event is for a reader only if it starts at an hour they are up, in their own
 * zone (an event at 03:00 for them is not for them, however well it fits). In-person events near the
 * reader keep their local time, and all-day events have none, so neither is checked.
 *
 * A reader's hours become, once per match, the UTC intervals they cover in the digest's window, one
 * per local day (DST shifts them as it shifts the reader's clock); checking a start is then a binary
 * search over some 16 intervals.
 */
import type { ZoneRules } from '../time/zone-rules.ts';
import { localMsToUtcMs } from '../time/zoned-time.ts';
import { defaultWakingHours, type WakingHours } from '../users/user-profile.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** [start, end) UTC pairs, ascending, covering the window; null when every hour is a waking hour. */
export type AwakeIntervals = Float64Array | null;

export function awakeIntervals(
  hours: WakingHours | undefined,
  zone: ZoneRules,
  fromMs: number,
  toMs: number,
): AwakeIntervals {
  const { from, to } = hours ?? defaultWakingHours;
  const span = (((to - from) % 24) + 24) % 24;
  if (span === 0 || !(toMs > fromMs)) return null;
  // Every local day the window touches, whatever the zone's offset (under 15 hours either way): no
  // offset needs looking up here, and a spare interval at either end costs nothing.
  const firstDay = Math.floor(fromMs / DAY_MS) - 1;
  const lastDay = Math.floor(toMs / DAY_MS) + 1;
  const intervals = new Float64Array((lastDay - firstDay + 1) * 2);
  for (let day = firstDay, at = 0; day <= lastDay; day++, at += 2) {
    const startLocal = day * DAY_MS + from * HOUR_MS;
    intervals[at] = localMsToUtcMs(zone, startLocal);
    intervals[at + 1] = localMsToUtcMs(zone, startLocal + span * HOUR_MS);
  }
  return intervals;
}

/** The instant falls in one of the intervals (or there are none to respect). */
export function isAwakeAt(intervals: AwakeIntervals, utcMs: number): boolean {
  if (intervals === null) return true;
  // The last interval starting at or before utcMs.
  let low = 0;
  let high = intervals.length / 2 - 1;
  if (utcMs < (intervals[0] as number)) return false;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((intervals[middle * 2] as number) <= utcMs) low = middle;
    else high = middle - 1;
  }
  return utcMs < (intervals[low * 2 + 1] as number);
}
