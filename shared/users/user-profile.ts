import type { SourceKind } from '../sources/source.ts';

/** ISO weekday order: index + 1 is the ISO weekday number (Monday = 1). */
export const weekdays = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof weekdays)[number];

/** Where a user wants in-person events: a city by name, or a point with a radius. */
export type PlacePreference =
  | { readonly kind: 'city'; readonly city: string; readonly country: string | null }
  | {
      readonly kind: 'point';
      readonly label: string;
      readonly latitude: number;
      readonly longitude: number;
      readonly radiusKm: number;
    };

/** "Not interested" on one event: it never shows again, and similar ones (same source, same tags) rank lower. */
export interface NotInterestedMark {
  readonly eventId: string;
  readonly sourceId: string | null;
  readonly organization: string | null;
  readonly tags: readonly string[];
  readonly at: string;
}

/**
 * The local hours an online event may start in for the reader: [from, to), hours 0–24 (a window past
 * midnight has from > to). An event that starts at 03:00 for them is not for them, wherever it is held.
 */
export interface WakingHours {
  readonly from: number;
  readonly to: number;
}

/** Profiles without their own waking hours get these. */
export const defaultWakingHours: WakingHours = { from: 7, to: 22 };

/** The local hour of reconnect reminders unless the user picks one; profiles stored before reminders existed mean it. */
export const defaultReminderHour = 9;

export interface UserProfile {
  readonly id: string;
  /** Lower-cased, trimmed. */
  readonly email: string;
  /** Nothing is ever mailed to an unconfirmed address. */
  readonly emailConfirmed: boolean;
  readonly name: string | null;
  /** IANA zone: digests are sent and shown in it. */
  readonly timeZone: string;
  readonly digestDay: Weekday;
  /** Local hour 0–23 the digest is sent at. */
  readonly digestHour: number;
  /** Local hour 0–23 reconnect reminders are sent at (default 9). */
  readonly reminderHour: number;
  /** Topic vocabulary ids (shared/topics/topic-vocabulary.ts). */
  readonly topics: readonly string[];
  /** Free words or phrases, lower-case. */
  readonly keywords: readonly string[];
  readonly places: readonly PlacePreference[];
  readonly onlineOk: boolean;
  /**
   * Every event near the reader's places, whatever it is about. Absent or false (the default): a place
   * only narrows what topics, keywords, kinds and follows select.
   */
  readonly everythingNearMe?: boolean;
  /** When online events may start for the reader (absent: defaultWakingHours). */
  readonly wakingHours?: WakingHours;
  /** Opt-in: all-day "CFP closes" and "Registration closes" entries in the calendar feed (absent: off). */
  readonly callsInCalendar?: boolean;
  /** Kinds of source the user wants events from (all four by default). */
  readonly kinds: readonly SourceKind[];
  /** Organization names as sources name them (compared case-insensitively). */
  readonly followedOrganizations: readonly string[];
  readonly followedSources: readonly string[];
  readonly mutedWords: readonly string[];
  readonly mutedSources: readonly string[];
  /** Paused: no digests until resumed. */
  readonly paused: boolean;
  /** Unsubscribed from the digest (List-Unsubscribe or the page). */
  readonly unsubscribed: boolean;
  /** Send a short note even in a week with nothing that fits. */
  readonly quietWeekNotes: boolean;
  /** Most recent first, at most 200. */
  readonly notInterested: readonly NotInterestedMark[];
  /** "Sign out everywhere": sessions issued before this instant no longer work (absent: never used). */
  readonly sessionsRevokedAt?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}
