import { type CalendarEntry, calendarUid } from './calendar-entry.ts';
import { type IcsEvent, instantMs } from './ics-writer.ts';

const statusValue = { confirmed: 'CONFIRMED', tentative: 'TENTATIVE', cancelled: 'CANCELLED' } as const;

const dayMs = 86_400_000;
const hourMs = 3_600_000;

/** A stored date-time (wall time in `zone` when it has no offset) plus `ms`, as an ISO instant. */
function plusMs(iso: string, zone: string | null, ms: number): string {
  return new Date(instantMs(iso, zone) + ms).toISOString();
}

/** Start and end: all-day as dates, timed as instants shown in the event's own zone (TZID) or in UTC. */
function eventTimes(entry: CalendarEntry) {
  const { event } = entry;
  if (event.allDay) {
    // DTEND of an all-day event is exclusive; a one-day event without an end lasts its day.
    const end = event.end ?? plusMs(event.start.slice(0, 10), null, dayMs).slice(0, 10);
    return { start: event.start, end, allDay: true, timeZone: null };
  }
  // A timed event without an end is shown as an hour: clients draw zero-length events badly.
  const end = event.end ?? plusMs(event.start, event.timeZone, hourMs);
  return { start: event.start, end, allDay: false, timeZone: event.timeZone };
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
 * One entry as a VEVENT. Text from feeds is escaped by the writer (commas, semicolons, newlines).
 * DTSTAMP is `stamp`: the message time for an iTIP message, and for a published feed (RFC 5545
 * 3.8.7.2) when the event was last revised, so an unchanged feed renders to the same bytes and keeps
 * its ETag.
 */
export function calendarEvent(
  entry: CalendarEntry,
  stamp: Date,
  extra: { readonly organizer?: { name: string; email: string }; readonly attendee?: string } = {},
): IcsEvent {
  const { event } = entry;
  return {
    uid: calendarUid(event.id),
    sequence: entry.sequence,
    stamp,
    ...eventTimes(entry),
    summary: event.title,
    location: locationOf(entry),
    description: descriptionOf(entry),
    ...(extra.organizer ? { organizer: extra.organizer } : {}),
    ...(extra.attendee ? { attendee: extra.attendee } : {}),
    categories: event.tags.slice(0, 8),
    url: event.url ?? event.joinUrl ?? null,
    status: statusValue[entry.status],
    created: new Date(event.firstSeenAt),
    lastModified: new Date(event.updatedAt),
  };
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
