import { localDate } from '../contacts/next-due-date.ts';
import type { StoredEvent } from '../events/stored-event.ts';
import { addDays } from '../feeds/event-time.ts';
import { buildEventIndex, matchEventsForUser } from '../matching/match-events.ts';
import type { EventStore } from '../store/event-store.ts';
import type { UserProfile } from '../users/user-profile.ts';

/*
 * Calls for speakers closing soon: speaking is how people meet mentors and peers at events. Open
 * calls of events that match the reader, closing today or within the next 21 days of the reader's
 * calendar, soonest first. The closing date is a calendar date (the data set gives no time), so it
 * is read in the reader's zone as the day it is.
 */

export const CALLS_CLOSING_WITHIN_DAYS = 21;

export interface CallClosingSoon {
  /** A call for speakers, or the last day to register or apply (schema.org offers.validThrough). */
  readonly kind: 'call-for-speakers' | 'registration';
  readonly eventId: string;
  readonly title: string;
  /** The event itself: when and where, as stored. */
  readonly start: string;
  readonly allDay: boolean;
  readonly location: string | null;
  readonly online: boolean;
  readonly eventUrl: string | null;
  /** Where to apply; the event's own page when the feed gives no separate link. */
  readonly applyUrl: string | null;
  /** `YYYY-MM-DD`, the last day to apply. */
  readonly closesOn: string;
  /** Whole days from the reader's today: 0 = closes today. */
  readonly daysLeft: number;
  readonly reasons: readonly string[];
  /** When the event last changed: a stable stamp for calendar entries. */
  readonly updatedAt: string;
}

export interface CallsClosingSoonDependencies {
  readonly events: Pick<EventStore, 'listCallsClosingBetween'>;
}

/** The reader's calls closing soon (digest, calendar feed, pages, CLI). */
export async function callsClosingSoon(
  deps: CallsClosingSoonDependencies,
  profile: UserProfile,
  now: Date,
  withinDays = CALLS_CLOSING_WITHIN_DAYS,
): Promise<CallClosingSoon[]> {
  const today = localDate(now, profile.timeZone);
  const lastDay = addDays(today, withinDays);
  const candidates = await deps.events.listCallsClosingBetween(today, lastDay);
  return matchingCalls(profile, candidates, now, today, lastDay);
}

/** The pure part: which of these events with open calls match the reader, soonest closing first. */
export function matchingCalls(
  profile: UserProfile,
  events: readonly StoredEvent[],
  now: Date,
  today: string,
  lastDay: string,
): CallClosingSoon[] {
  const open = events.filter(
    (event) =>
      !event.removed &&
      event.status !== 'cancelled' &&
      (event.callForSpeakers?.closesOn || event.registrationDeadline?.closesOn),
  );
  if (open.length === 0) return [];
  const latestStart = Math.max(
    ...open.map((event) => Date.parse(event.start.length === 10 ? `${event.start}T00:00:00Z` : event.start)),
  );
  const matches = matchEventsForUser(buildEventIndex(open), profile, {
    now,
    windowTo: new Date(latestStart + 86_400_000),
    previous: [],
    maxEvents: open.length,
    maxPerOrganization: open.length,
  }).matches;
  const dayMs = 86_400_000;
  const calls: CallClosingSoon[] = [];
  for (const { event, reasons } of matches) {
    const deadlines = [
      { kind: 'call-for-speakers' as const, deadline: event.callForSpeakers },
      { kind: 'registration' as const, deadline: event.registrationDeadline },
    ];
    for (const { kind, deadline } of deadlines) {
      const closesOn = deadline?.closesOn;
      if (!closesOn || closesOn < today || closesOn > lastDay) continue;
      calls.push({
        kind,
        eventId: event.id,
        title: event.title,
        start: event.start,
        allDay: event.allDay,
        location: event.location,
        online: event.online,
        eventUrl: event.url,
        applyUrl: deadline?.url ?? event.url,
        closesOn,
        daysLeft: Math.round((Date.parse(closesOn) - Date.parse(today)) / dayMs),
        reasons,
        updatedAt: event.updatedAt,
      });
    }
  }
  return calls.sort((a, b) => a.closesOn.localeCompare(b.closesOn) || a.title.localeCompare(b.title));
}
