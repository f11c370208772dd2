import type { CallForSpeakers, EventPlace, EventStatus, FeedProblem, PersonRole } from './feed-event.ts';

export interface RawPerson {
  readonly name: string;
  readonly role: PersonRole;
}

/**
 * What a format parser hands to the normalizer: times already resolved to instants (or calendar
 * dates), recurring series already expanded, text still as the feed wrote it.
 */
export type EventTime =
  | { readonly kind: 'instant'; readonly utcMs: number; readonly timeZone: string | null }
  | { readonly kind: 'date'; readonly date: string };

export interface RawEvent {
  readonly uid: string | null;
  readonly recurrenceId: string | null;
  readonly title: string | null;
  readonly description: string | null;
  readonly descriptionFormat: 'text' | 'html';
  readonly start: EventTime;
  readonly end: EventTime | null;
  readonly status: EventStatus | null;
  /** True/false when the feed says so (attendance mode, VirtualLocation); null when it does not. */
  readonly online: boolean | null;
  readonly joinUrl: string | null;
  /** Free-text location as written (iCal LOCATION, ev:location). */
  readonly locationText: string | null;
  /** Structured place when the feed has one (schema.org Place/PostalAddress). */
  readonly place: Partial<EventPlace> | null;
  readonly organizer: string | null;
  readonly url: string | null;
  readonly categories: readonly string[];
  /** Only formats that have one set it (the conference data set). */
  readonly callForSpeakers?: CallForSpeakers | null;
  /** schema.org `offers.validThrough` (and its offer's URL). */
  readonly registrationDeadline?: CallForSpeakers | null;
  /** People named in structured fields (ORGANIZER's CN, ATTENDEE as chair or speaker, performer…). */
  readonly people?: readonly RawPerson[];
}

export interface RawFeed {
  readonly title: string | null;
  readonly events: RawEvent[];
  readonly problems: FeedProblem[];
}
