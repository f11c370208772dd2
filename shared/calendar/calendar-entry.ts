import type { StoredEvent } from '../events/stored-event.ts';
import type { EventStatus } from '../feeds/feed-event.ts';

/** One VEVENT of a user's calendar feed or of an invitation. */
export interface CalendarEntry {
  readonly event: StoredEvent;
  /** Why it is in the calendar, first line of the DESCRIPTION ("Matches: kubernetes · 3 km away"). */
  readonly note: string;
  readonly sequence: number;
  /** The event's own status, or cancelled when it was removed from every source. */
  readonly status: EventStatus;
}

/** The same UID in the feed and in invitations, so a client sees one event, and updates replace it. */
export const calendarUid = (eventId: string) => `${eventId}@trellis`;

export function effectiveStatus(event: StoredEvent): EventStatus {
  return event.removed ? 'cancelled' : event.status;
}

/** An all-day reminder in the feed: a contact due for a reconnect on a date. */
export interface CalendarReminderEntry {
  readonly uid: string;
  /** Local date `YYYY-MM-DD`. */
  readonly date: string;
  readonly title: string;
  readonly description: string;
  /** Changes when the due date or the contact changes, so clients replace their copy. */
  readonly lastModified: string;
}
