import type { Contact } from '../contacts/contact.ts';
import type { StoredEvent } from '../events/stored-event.ts';
import type { MatchedEvent } from '../matching/match-events.ts';
import { organizationKindLabels, organizationsWorthJoining } from '../organizations/rank-organizations.ts';
import { peopleWorthMeeting } from '../people/people-worth-meeting.ts';
import type { UserProfile } from '../users/user-profile.ts';
import type { DigestOrganizationItem, DigestPersonItem } from './digest-model.ts';

/*
 * "People worth meeting" and "Organizations worth joining": each at most once a month, and only with
 * someone or something the reader has not been shown. What was shown, and when each was last looked
 * at, is kept in the send ledger's detail and carried from digest to digest.
 */

/** A section is looked at again this long after the last look (weekly digests: every fourth). */
export const SUGGESTIONS_EVERY_DAYS = 28;
/** At most this many entries per section. */
export const SUGGESTIONS_SHOWN = 3;
/** Keys remembered per section, newest last. */
const REMEMBERED_KEYS = 300;
const DAY_MS = 86_400_000;

export interface SuggestionMemory {
  /** When the section was last looked at (shown, or nothing new found). */
  readonly checkedAt: string;
  /** People or organizations shown so far (their keys). */
  readonly keys: readonly string[];
}

export interface SuggestionsMemory {
  readonly people?: SuggestionMemory;
  readonly organizations?: SuggestionMemory;
}

/** Whether either section is due: the only case where the reader's saved events and memberships are read. */
export function suggestionsDue(memory: SuggestionsMemory, now: Date): boolean {
  return isDue(memory.people, now) || isDue(memory.organizations, now);
}

function isDue(memory: SuggestionMemory | undefined, now: Date): boolean {
  return (
    !memory || now.getTime() - Date.parse(memory.checkedAt) >= SUGGESTIONS_EVERY_DAYS * DAY_MS - DAY_MS / 2
  );
}

export interface SuggestionInput {
  readonly profile: UserProfile;
  /** The digest window's matched events. */
  readonly matches: readonly MatchedEvent[];
  /** The reader's saved events (empty when not read). */
  readonly saved: readonly StoredEvent[];
  readonly contacts: readonly Pick<Contact, 'name'>[];
  readonly memberships: readonly { readonly organizationKey: string; readonly renewsOn: string | null }[];
  readonly memory: SuggestionsMemory;
  readonly windowDays: number;
  readonly now: Date;
}

export interface DigestSuggestions {
  readonly people: DigestPersonItem[];
  readonly organizations: DigestOrganizationItem[];
  /** What the ledger keeps for next time. */
  readonly memory: SuggestionsMemory;
}

export function digestSuggestions(input: SuggestionInput): DigestSuggestions {
  const { memory, now } = input;
  let people: DigestPersonItem[] = [];
  let peopleMemory = memory.people;
  if (isDue(memory.people, now)) {
    const known = new Set(memory.people?.keys ?? []);
    people = peopleWorthMeeting({
      profile: input.profile,
      matched: input.matches.map((match) => match.event),
      saved: input.saved,
      contacts: input.contacts,
      now,
    })
      .filter((person) => !known.has(person.key))
      .slice(0, SUGGESTIONS_SHOWN)
      .map((person) => ({
        key: person.key,
        name: person.name,
        why: person.why,
        nextEvent: person.nextEvent
          ? {
              title: person.nextEvent.title,
              start: person.nextEvent.start,
              allDay: person.nextEvent.allDay,
              url: person.nextEvent.url,
            }
          : null,
      }));
    peopleMemory = remembered(memory.people, people, now);
  }
  let organizations: DigestOrganizationItem[] = [];
  let organizationsMemory = memory.organizations;
  if (isDue(memory.organizations, now)) {
    const known = new Set(memory.organizations?.keys ?? []);
    organizations = organizationsWorthJoining({
      matches: input.matches,
      saved: input.saved,
      profile: input.profile,
      memberships: input.memberships,
      windowDays: input.windowDays,
    })
      .filter((organization) => !known.has(organization.key))
      .slice(0, SUGGESTIONS_SHOWN)
      .map((organization) => ({
        key: organization.key,
        name: organization.name,
        kind: organizationKindLabels[organization.kind],
        website: organization.website,
        why: organization.why[0] ?? '',
      }));
    organizationsMemory = remembered(memory.organizations, organizations, now);
  }
  return {
    people,
    organizations,
    memory: {
      ...(peopleMemory ? { people: peopleMemory } : {}),
      ...(organizationsMemory ? { organizations: organizationsMemory } : {}),
    },
  };
}

function remembered(
  previous: SuggestionMemory | undefined,
  shown: readonly { readonly key: string }[],
  now: Date,
): SuggestionMemory {
  const keys = [...(previous?.keys ?? []), ...shown.map((entry) => entry.key)];
  return { checkedAt: now.toISOString(), keys: keys.slice(-REMEMBERED_KEYS) };
}
