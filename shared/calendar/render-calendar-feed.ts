import { calendarEvent, spanOf } from './add-calendar-event.ts';
import type { CalendarEntry, CalendarReminderEntry } from './calendar-entry.ts';
import { type IcsEvent, writeCalendar } from './ics-writer.ts';
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

/** The writer adds the leading '-'. */
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
  const reminders = (input.reminders ?? []).map((reminder): IcsEvent => {
    const stamp = new Date(reminder.lastModified);
    return {
      uid: reminder.uid,
      stamp,
      lastModified: stamp,
      start: reminder.date,
      end: new Date(Date.parse(`${reminder.date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10),
      allDay: true,
      timeZone: null,
      summary: reminder.title,
      description: reminder.description,
      // A reminder takes no time: it must not show the user as busy.
      transparent: true,
    };
  });
  return writeCalendar({
    prodId: calendarProdId,
    name: calendarName(input.name),
    description: 'Events matched to your interests and the events you saved, from Trellis.',
    ttlSeconds: input.refreshMinutes * 60,
    vtimezone: (zone) => vtimezoneFor(zone, span.fromMs, span.toMs),
    events: [
      ...input.entries.map((entry) => calendarEvent(entry, new Date(entry.event.updatedAt))),
      ...reminders,
    ],
  });
}
