import type { ICalCalendar } from 'ical-generator';
import { ICalAttendeeStatus, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { type CalendarEntry, calendarUid } from './calendar-entry.ts';

const statusValue = {
  confirmed: ICalEventStatus.CONFIRMED,
  tentative: ICalEventStatus.TENTATIVE,
  cancelled: ICalEventStatus.CANCELLED,
} as const;

const dayMs = 86_400_000;

/** Start and end as ical-generator wants them: luxon in the event's own zone, so TZID and wall time agree. */
function eventTimes(entry: CalendarEntry) {
  const { event } = entry;
  if (event.allDay) {
    const start = DateTime.fromISO(event.start, { zone: 'utc' });
    // DTEND of an all-day event is exclusive; a one-day event without an end lasts its day.
    const end = event.end ? DateTime.fromISO(event.end, { zone: 'utc' }) : start.plus({ days: 1 });
    return { start, end, allDay: true, timezone: null };
  }
  const zone = event.timeZone ?? 'utc';
  const start = DateTime.fromISO(event.start, { zone });
  // A timed event without an end is shown as an hour: clients draw zero-length events badly.
  const end = event.end ? DateTime.fromISO(event.end, { zone }) : start.plus({ hours: 1 });
  return { start, end, allDay: false, timezone: event.timeZone };
}

/** Calendars show a few lines; the cap also keeps a 500-event feed well inside one DynamoDB item. */
const maxDescriptionChars = 1200;

function descriptionOf(entry: CalendarEntry): string {
  const { event } = entry;
  const parts = [entry.note];
  if (event.description)
    parts.push(
      event.description.length > maxDescriptionChars
        ? `${event.description.slice(0, maxDescriptionChars - 1)}…`
        : event.description,
    );
  if (event.joinUrl) parts.push(`Join online: ${event.joinUrl}`);
  if (event.url) parts.push(`Details: ${event.url}`);
  return parts.join('\n\n');
}

function locationOf(entry: CalendarEntry): string | null {
  const { event } = entry;
  if (event.location) return event.location;
  return event.online ? (event.joinUrl ?? 'Online') : null;
}

/**
 * Adds one entry as a VEVENT. Text from feeds is escaped by ical-generator (commas, semicolons,
 * newlines). DTSTAMP is `stamp`: the message time for an iTIP message, and for a published feed
 * (RFC 5545 3.8.7.2) when the event was last revised, so an unchanged feed renders to the same bytes
 * and keeps its ETag.
 */
export function addCalendarEvent(
  calendar: ICalCalendar,
  entry: CalendarEntry,
  stamp: Date,
  extra: { readonly organizer?: { name: string; email: string }; readonly attendee?: string } = {},
) {
  const { event } = entry;
  const times = eventTimes(entry);
  const lastModified = DateTime.fromISO(event.updatedAt, { zone: 'utc' });
  const created = DateTime.fromISO(event.firstSeenAt, { zone: 'utc' });
  const item = calendar.createEvent({
    id: calendarUid(event.id),
    sequence: entry.sequence,
    stamp: DateTime.fromJSDate(stamp, { zone: 'utc' }),
    created,
    lastModified,
    start: times.start,
    end: times.end,
    allDay: times.allDay,
    timezone: times.timezone,
    summary: event.title,
    description: descriptionOf(entry),
    location: locationOf(entry),
    url: event.url ?? event.joinUrl ?? null,
    status: statusValue[entry.status],
    categories: event.tags.slice(0, 8).map((name) => ({ name })),
    ...(extra.organizer ? { organizer: extra.organizer } : {}),
  });
  if (extra.attendee) {
    item.createAttendee({ email: extra.attendee, rsvp: true, status: ICalAttendeeStatus.NEEDSACTION });
  }
  return item;
}

/** The span of instants the entries cover, for VTIMEZONE observances. */
export function spanOf(entries: readonly CalendarEntry[], now: Date): { fromMs: number; toMs: number } {
  let fromMs = now.getTime();
  let toMs = now.getTime() + dayMs;
  for (const { event } of entries) {
    const start = Date.parse(event.allDay ? `${event.start}T00:00:00Z` : event.start);
    const end = event.end ? Date.parse(event.allDay ? `${event.end}T00:00:00Z` : event.end) : start + dayMs;
    fromMs = Math.min(fromMs, start - dayMs);
    toMs = Math.max(toMs, end + dayMs);
  }
  return { fromMs, toMs };
}
