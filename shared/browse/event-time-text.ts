import type { EventTiming } from '../digest/format-event-time.ts';
import { formatDay, formatEventTime } from '../digest/format-event-time.ts';
import { knownTimeZone } from '../digest/zoned-date-parts.ts';

/*
 * An event's time as words for a reader in a zone, never an ISO instant: the time of day under a day
 * heading ("19:00–21:00 CET", "all day"), and on an event's own page the time in the reader's zone
 * and, when it reads differently, in the zone the event was published in.
 */

/** The time of day of an event listed under its day's heading: "19:00–21:00 CET", "all day", or longer spans whole. */
export function timeOfDayText(event: EventTiming, timeZone: string): string {
  const whole = formatEventTime(event, timeZone);
  const day = formatDay(event.start, timeZone);
  if (whole === `${day} (all day)`) return 'all day';
  return whole.startsWith(`${day}, `) ? whole.slice(day.length + 2) : whole;
}

export interface EventTimes {
  /** In the reader's zone: "Tue 3 Dec, 19:00–21:00 CET". */
  readonly yours: string;
  /** In the event's own zone when that reads differently ("Tue 3 Dec, 13:00–15:00 EST"), else null. */
  readonly own: string | null;
  readonly ownZone: string | null;
}

export function eventTimes(
  event: EventTiming & { readonly timeZone: string | null },
  timeZone: string,
): EventTimes {
  const yours = formatEventTime(event, timeZone);
  const ownZone =
    event.timeZone && !event.allDay && knownTimeZone(event.timeZone) === event.timeZone
      ? event.timeZone
      : null;
  const own = ownZone ? formatEventTime(event, ownZone) : null;
  return own && own !== yours ? { yours, own, ownZone } : { yours, own: null, ownZone: null };
}
