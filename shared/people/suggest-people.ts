import type { Contact } from '../contacts/contact.ts';
import type { StoredEvent } from '../events/stored-event.ts';
import { buildEventIndex, matchEventsForUser } from '../matching/match-events.ts';
import type { ContactRepository } from '../store/contact-repository.ts';
import type { EventStore } from '../store/event-store.ts';
import { isSaved, type SavedEventStore } from '../store/saved-event-store.ts';
import type { UserProfile } from '../users/user-profile.ts';
import { type PersonSuggestion, peopleWorthMeeting } from './people-worth-meeting.ts';

export interface SuggestPeopleDependencies {
  readonly events: Pick<EventStore, 'listStartingBetween' | 'getMany'>;
  readonly savedEvents: Pick<SavedEventStore, 'listForUser'>;
  readonly contacts: Pick<ContactRepository, 'listForUsers'>;
}

const dayMs = 86_400_000;
/** "Recent or coming": the past month and the next three. */
export const PEOPLE_WINDOW = { pastDays: 30, comingDays: 90 } as const;
/** Enough for every match of a busy reader; the digest's own caps do not apply here. */
const MAX_MATCHES = 2_000;

/**
 * The people worth meeting for a reader (pages, JSON API, CLI): the events of the window that match
 * them, their saved events, minus the people they already have as contacts.
 */
export async function suggestPeople(
  deps: SuggestPeopleDependencies,
  profile: UserProfile,
  now: Date,
): Promise<PersonSuggestion[]> {
  const from = new Date(now.getTime() - PEOPLE_WINDOW.pastDays * dayMs);
  const to = new Date(now.getTime() + PEOPLE_WINDOW.comingDays * dayMs);
  const [window, savedMarks, contactsByUser] = await Promise.all([
    deps.events.listStartingBetween(from, to),
    deps.savedEvents.listForUser(profile.id),
    deps.contacts.listForUsers([profile.id]),
  ]);
  const live = window.filter((event) => !event.removed);
  const matched = matchEventsForUser(buildEventIndex(live), profile, {
    now: from,
    windowTo: to,
    previous: [],
    maxEvents: MAX_MATCHES,
    maxPerOrganization: MAX_MATCHES,
  }).matches.map((match) => match.event);
  const savedIds = savedMarks.filter(isSaved).map((saved) => saved.eventId);
  const inWindow = new Map(live.map((event) => [event.id, event]));
  const missing = savedIds.filter((id) => !inWindow.has(id));
  const saved: StoredEvent[] = [
    ...savedIds.flatMap((id) => inWindow.get(id) ?? []),
    ...(missing.length > 0 ? await deps.events.getMany(missing) : []),
  ];
  const contacts: Contact[] = contactsByUser.get(profile.id) ?? [];
  return peopleWorthMeeting({ profile, matched, saved, contacts, now });
}
