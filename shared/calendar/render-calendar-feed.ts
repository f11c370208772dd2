import ical, { ICalEventTransparency } from 'ical-generator';
import { DateTime } from 'luxon';
import { addCalendarEvent, spanOf } from './add-calendar-event.ts';
import type { CalendarEntry, CalendarReminderEntry } from './calendar-entry.ts';
import { vtimezoneFor } from './vtimezone.ts';

export interface CalendarFeedInput {
  /** Shown as the calendar's name (X-WR-CALNAME). */
  readonly name: string;
  readonly entries: readonly CalendarEntry[];
  /** Contacts due for a reconnect, as all-day entries. */
  readonly reminders?: readonly CalendarReminderEntry[];
  readonly now: Date;
  /** REFRESH-INTERVAL and X-PUBLISHED-TTL: how often clients are asked to poll. */
  readonly refreshMinutes: number;
}

/** ical-generator adds the leading '-'. */
export const calendarProdId = '//Trellis//Trellis calendar//EN';

/** A name may come from a profile: one line, no control characters, bounded. */
function calendarName(name: string): string {
  return (
    name
      .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
      .trim()
      .slice(0, 120) || 'Trellis'
  );
}

/** The user's subscribable feed (METHOD-less, as RFC 5545 publishing expects of a subscription). */
export function renderCalendarFeed(input: CalendarFeedInput): string {
  const span = spanOf(input.entries, input.now);
  const calendar = ical({
    prodId: calendarProdId,
    name: calendarName(input.name),
    description: 'Events matched to your interests and the events you saved, from Trellis.',
    ttl: input.refreshMinutes * 60,
    timezone: { name: null, generator: (zone: string) => vtimezoneFor(zone, span.fromMs, span.toMs) },
  });
  for (const entry of input.entries) addCalendarEvent(calendar, entry, new Date(entry.event.updatedAt));
  for (const reminder of input.reminders ?? []) {
    const stamp = DateTime.fromISO(reminder.lastModified, { zone: 'utc' });
    const day = DateTime.fromISO(reminder.date, { zone: 'utc' });
    calendar.createEvent({
      id: reminder.uid,
      stamp,
      lastModified: stamp,
      start: day,
      end: day.plus({ days: 1 }),
      allDay: true,
      summary: reminder.title,
      description: reminder.description,
      // A reminder takes no time: it must not show the user as busy.
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  return calendar.toString();
}
