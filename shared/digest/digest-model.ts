import type { EventStatus } from '../feeds/feed-event.ts';
import type { SourceKind } from '../sources/source.ts';

/**
 * Everything a weekly digest shows, decided before rendering: the renderer only lays it out (and
 * formats times in the reader's zone), it never chooses what goes in.
 */

export type DigestSectionId = 'near-you' | 'online' | 'organizations' | 'mentorship';

export interface DigestEventItem {
  readonly eventId: string;
  readonly title: string;
  /** As stored: UTC instant `YYYY-MM-DDTHH:mm:ssZ`, or `YYYY-MM-DD` for all-day. */
  readonly start: string;
  readonly end: string | null;
  readonly allDay: boolean;
  readonly status: EventStatus;
  readonly online: boolean;
  readonly joinUrl: string | null;
  readonly location: string | null;
  readonly organization: string | null;
  readonly kind: SourceKind;
  readonly url: string | null;
  /** Why it matched, short and human: "matches: kubernetes", "follows CNCF Berlin", "3 km away". */
  readonly reasons: readonly string[];
  /** One line from the description, cut at a word; null when there is none. */
  readonly blurb: string | null;
  /** Later occurrences of the same series in this digest (shown on this item's line), in date order. */
  readonly laterOccurrences: readonly DigestOccurrence[];
  /** Signed one-click link (opens a confirmation page). */
  readonly notInterestedUrl: string;
  /** Signed link: save the event and get a calendar invitation (opens a confirmation page). */
  readonly saveUrl: string;
}

/** One more date of a recurring series. */
export interface DigestOccurrence {
  readonly eventId: string;
  readonly start: string;
  readonly end: string | null;
  readonly allDay: boolean;
}

export interface DigestSection {
  readonly id: DigestSectionId;
  readonly title: string;
  readonly items: readonly DigestEventItem[];
}

/** An event the reader saw in an earlier digest that has since moved or been cancelled. */
export interface DigestChange {
  readonly eventId: string;
  readonly title: string;
  readonly change: 'moved' | 'cancelled' | 'removed';
  readonly previousStart: string;
  readonly start: string;
  readonly allDay: boolean;
  readonly url: string | null;
}

/** A mentor or peer due for a reconnect (filled in by the reminders capability). */
export interface DigestContactDue {
  readonly name: string;
  readonly relationship: string;
  readonly lastContacted: string | null;
  readonly doneUrl: string;
}

/** An open call for speakers, or a registration deadline, of an event that matches the reader. */
export interface DigestCallItem {
  readonly kind: 'call-for-speakers' | 'registration';
  readonly eventId: string;
  readonly title: string;
  /** `YYYY-MM-DD`, the last day to apply: a calendar date, read as the day it is in the reader's zone. */
  readonly closesOn: string;
  /** Whole days from the reader's today: 0 = closes today. */
  readonly daysLeft: number;
  /** Where to apply (the event's page when the feed gives no separate link). */
  readonly applyUrl: string | null;
  /** The event itself, as stored. */
  readonly eventStart: string;
  readonly allDay: boolean;
  readonly reasons: readonly string[];
}

/** Someone the reader could meet (a potential mentor), new since the last time this section was shown. */
export interface DigestPersonItem {
  readonly key: string;
  readonly name: string;
  /** "Speaks at 3 Leadership events you match: A, B and C." */
  readonly why: string;
  /** Where the reader could meet them next. */
  readonly nextEvent: {
    readonly title: string;
    readonly start: string;
    readonly allDay: boolean;
    readonly url: string | null;
  } | null;
}

/** An organization or peer group worth joining, new since the last time this section was shown. */
export interface DigestOrganizationItem {
  readonly key: string;
  readonly name: string;
  /** "Peer group", "Professional organization", "Mentorship programme". */
  readonly kind: string;
  readonly website: string | null;
  readonly why: string;
}

export interface DigestModel {
  readonly recipient: { readonly email: string; readonly name: string | null; readonly timeZone: string };
  /** ISO week of the send, in the reader's zone: `2026-W48`. */
  readonly isoWeek: string;
  /** The events' window: [from, to). */
  readonly windowFrom: string;
  readonly windowTo: string;
  readonly sections: readonly DigestSection[];
  readonly changes: readonly DigestChange[];
  readonly contactsDue: readonly DigestContactDue[];
  /** Calls for speakers and registration deadlines closing in the next 21 days, soonest first. */
  readonly callsClosing: readonly DigestCallItem[];
  /** At most once a month, only when someone is new (absent: none this time). */
  readonly people?: readonly DigestPersonItem[];
  /** At most once a month, only when something is new (absent: none this time). */
  readonly organizations?: readonly DigestOrganizationItem[];
  readonly links: {
    /** The people and organizations pages (absent in older models). */
    readonly peopleUrl?: string;
    readonly organizationsUrl?: string;
    /** Where to change preferences: the profile page (it asks to sign in first). */
    readonly preferencesUrl: string;
    /** https page: GET shows a confirmation, POST (RFC 8058 one-click) unsubscribes. */
    readonly unsubscribeUrl: string;
    readonly unsubscribeMailto: string;
  };
}
