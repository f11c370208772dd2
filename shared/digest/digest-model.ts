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
  /** Signed one-click link (opens a confirmation page). */
  readonly notInterestedUrl: string;
  /** Signed link: save the event and get a calendar invitation (opens a confirmation page). */
  readonly saveUrl: string;
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
  readonly links: {
    /** Where to change preferences: the profile page (it asks to sign in first). */
    readonly preferencesUrl: string;
    /** https page: GET shows a confirmation, POST (RFC 8058 one-click) unsubscribes. */
    readonly unsubscribeUrl: string;
    readonly unsubscribeMailto: string;
  };
}
