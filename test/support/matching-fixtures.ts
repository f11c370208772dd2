/**
 * Small hand-made worlds for the matching tests: an event or a profile is a few fields over sensible
 * defaults, and every match runs through both the indexed and the reference matcher, which must agree.
 */
import { expect } from 'vitest';
import type { StoredEvent } from '../../shared/events/stored-event.ts';
import {
  buildEventIndex,
  type MatchOptions,
  matchEventsForUser,
  matchEventsNaively,
  type UserMatches,
} from '../../shared/matching/match-events.ts';
import { sourceKinds } from '../../shared/sources/source.ts';
import type { UserProfile } from '../../shared/users/user-profile.ts';

const DAY_MS = 86_400_000;
/** Monday 2030-03-04, 08:00 UTC (09:00 in Berlin). */
export const NOW = new Date('2030-03-04T08:00:00Z');
export const WINDOW_TO = new Date(NOW.getTime() + 14 * DAY_MS);

/** A stored UTC start so many days after NOW: day 7 is the middle of the window (soonness 0.5). */
export function inDays(days: number): string {
  return new Date(NOW.getTime() + days * DAY_MS).toISOString().replace('.000Z', 'Z');
}

export const berlin = { name: 'c-base', address: 'Rungestraße 20', city: 'Berlin', country: 'Germany' };
export const london = {
  name: 'The Brewery',
  address: '52 Chiswell Street',
  city: 'London',
  country: 'United Kingdom',
};

export function storedEvent(fields: Partial<StoredEvent> & { readonly id: string }): StoredEvent {
  const primarySourceId = fields.primarySourceId ?? 'src-a';
  return {
    title: 'Untitled gathering',
    description: '',
    start: inDays(7),
    end: null,
    allDay: false,
    timeZone: 'UTC',
    status: 'confirmed',
    online: false,
    joinUrl: null,
    location: null,
    place: berlin,
    organizer: null,
    url: `https://events.example/${fields.id}`,
    tags: [],
    kind: 'industry-event',
    organization: null,
    sources: [{ sourceId: primarySourceId, sourceEventId: fields.id, url: null }],
    removed: false,
    firstSeenAt: '2030-02-01T00:00:00Z',
    updatedAt: '2030-02-01T00:00:00Z',
    ...fields,
    primarySourceId,
  };
}

/** An online event (no venue). */
export function onlineEvent(fields: Partial<StoredEvent> & { readonly id: string }): StoredEvent {
  return storedEvent({ online: true, place: null, joinUrl: 'https://meet.example/x', ...fields });
}

export function userProfile(fields: Partial<UserProfile> = {}): UserProfile {
  return {
    id: 'user-1',
    email: 'ana@example.org',
    emailConfirmed: true,
    name: 'Ana',
    timeZone: 'Europe/Berlin',
    digestDay: 'monday',
    digestHour: 9,
    reminderHour: 9,
    topics: [],
    keywords: [],
    places: [],
    onlineOk: true,
    kinds: [...sourceKinds],
    followedOrganizations: [],
    followedSources: [],
    mutedWords: [],
    mutedSources: [],
    paused: false,
    unsubscribed: false,
    quietWeekNotes: false,
    notInterested: [],
    createdAt: '2030-01-01T00:00:00Z',
    updatedAt: '2030-01-01T00:00:00Z',
    ...fields,
  };
}

export const inBerlin = { kind: 'city', city: 'Berlin', country: 'Germany' } as const;

/** Matches through the index and through the reference, checks they agree, and returns the result. */
export function matchBoth(
  events: readonly StoredEvent[],
  profile: UserProfile,
  options: Partial<MatchOptions> = {},
): UserMatches {
  const full: MatchOptions = { now: NOW, windowTo: WINDOW_TO, previous: [], ...options };
  const indexed = matchEventsForUser(buildEventIndex(events), profile, full);
  expect(matchEventsNaively(events, profile, full)).toEqual(indexed);
  return indexed;
}

/** What a digest shows of a result, in order: id, score, reasons, section. */
export function shown(result: UserMatches): (readonly [string, number, string, string])[] {
  return result.matches.map(
    (match) => [match.event.id, match.score, match.reasons.join(' · '), match.section] as const,
  );
}

export const ids = (result: UserMatches) => result.matches.map((match) => match.event.id);
