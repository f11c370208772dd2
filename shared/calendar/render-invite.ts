import type { InviteMethod } from '../store/saved-event-store.ts';
import { calendarEvent, spanOf } from './add-calendar-event.ts';
import type { CalendarEntry } from './calendar-entry.ts';
import { writeCalendar } from './ics-writer.ts';
import { calendarProdId } from './render-calendar-feed.ts';
import { vtimezoneFor } from './vtimezone.ts';

export interface InviteInput {
  readonly entry: CalendarEntry;
  readonly method: InviteMethod;
  /** The service's address: the same ORGANIZER on every update, or clients treat it as a new event. */
  readonly organizer: { readonly name: string; readonly email: string };
  readonly attendee: string;
  readonly now: Date;
}

/**
 * An iTIP message (RFC 5546): METHOD on the VCALENDAR, the same UID as the feed, the attendee asked to
 * reply. A CANCEL carries STATUS:CANCELLED and the next SEQUENCE, so the client removes its copy.
 */
export function renderInvite(input: InviteInput): string {
  const span = spanOf([input.entry], input.now);
  const entry: CalendarEntry =
    input.method === 'CANCEL' ? { ...input.entry, status: 'cancelled' } : input.entry;
  return writeCalendar({
    prodId: calendarProdId,
    method: input.method === 'CANCEL' ? 'CANCEL' : 'REQUEST',
    vtimezone: (zone) => vtimezoneFor(zone, span.fromMs, span.toMs),
    events: [calendarEvent(entry, input.now, { organizer: input.organizer, attendee: input.attendee })],
  });
}
