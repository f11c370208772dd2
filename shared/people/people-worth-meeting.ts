import type { Contact } from '../contacts/contact.ts';
import type { StoredEvent } from '../events/stored-event.ts';
import type { EventPerson, PersonRole } from '../feeds/feed-event.ts';
import { isTopicId, topicById } from '../topics/topic-vocabulary.ts';
import type { UserProfile } from '../users/user-profile.ts';
import { personKey } from './person-name.ts';

/*
 * People worth meeting (potential mentors): those who appear in two or more events that match the
 * reader, recent or coming, or in any event the reader saved; ranked by how much their events
 * overlap the reader's topics. People the reader already has as contacts are left out.
 */

export interface PersonEvent {
  readonly id: string;
  readonly title: string;
  readonly start: string;
  readonly allDay: boolean;
  readonly timeZone: string | null;
  readonly url: string | null;
  readonly role: PersonRole;
  readonly saved: boolean;
}

export interface PersonSuggestion {
  readonly key: string;
  readonly name: string;
  /** Their role in most of their events. */
  readonly role: PersonRole;
  /** The reader's topics their events are about, most shared first. */
  readonly sharedTopics: readonly string[];
  /** Their events, soonest first (coming ones before past ones). */
  readonly events: readonly PersonEvent[];
  /** Why, as a sentence: "Speaks at 3 Leadership events you match: A, B and C." */
  readonly why: string;
  /** Their next coming event, where the reader could meet them; null when all are past. */
  readonly nextEvent: PersonEvent | null;
}

export interface PeopleWorthMeetingInput {
  readonly profile: Pick<UserProfile, 'topics'>;
  /** Events that match the reader (recent and coming). */
  readonly matched: readonly StoredEvent[];
  /** Events the reader saved (any date). */
  readonly saved: readonly StoredEvent[];
  readonly contacts: readonly Pick<Contact, 'name'>[];
  readonly now: Date;
  /** Default 20. */
  readonly limit?: number;
}

const MIN_MATCHED_EVENTS = 2;
const SHOWN_TITLES = 3;

interface Gathered {
  readonly person: EventPerson;
  readonly events: Map<string, { event: StoredEvent; role: PersonRole; saved: boolean }>;
}

export function peopleWorthMeeting(input: PeopleWorthMeetingInput): PersonSuggestion[] {
  const known = new Set(input.contacts.map((contact) => personKey(contact.name)));
  const gathered = new Map<string, Gathered>();
  const add = (event: StoredEvent, saved: boolean) => {
    for (const person of event.people ?? []) {
      if (known.has(person.key)) continue;
      let entry = gathered.get(person.key);
      if (!entry) {
        entry = { person, events: new Map() };
        gathered.set(person.key, entry);
      }
      const already = entry.events.get(event.id);
      entry.events.set(event.id, {
        event,
        role: already?.role ?? person.role,
        saved: saved || !!already?.saved,
      });
    }
  };
  for (const event of input.matched) add(event, false);
  for (const event of input.saved) add(event, true);

  const readerTopics = new Set(input.profile.topics);
  const nowIso = input.now.toISOString();
  const suggestions: (PersonSuggestion & { readonly rank: number })[] = [];
  for (const { person, events } of gathered.values()) {
    const list = [...events.values()];
    const anySaved = list.some((entry) => entry.saved);
    if (list.length < MIN_MATCHED_EVENTS && !anySaved) continue;
    const topicCounts = new Map<string, number>();
    for (const { event } of list) {
      for (const tag of event.tags)
        if (readerTopics.has(tag)) topicCounts.set(tag, (topicCounts.get(tag) ?? 0) + 1);
    }
    const sharedTopics = [...topicCounts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([topic]) => topic);
    const personEvents = list
      .map(({ event, role, saved }) => ({
        id: event.id,
        title: event.title,
        start: event.start,
        allDay: event.allDay,
        timeZone: event.timeZone,
        url: event.url,
        role,
        saved,
      }))
      .sort((a, b) => {
        const aComing = a.start >= nowIso.slice(0, a.start.length);
        const bComing = b.start >= nowIso.slice(0, b.start.length);
        if (aComing !== bComing) return aComing ? -1 : 1;
        return aComing ? a.start.localeCompare(b.start) : b.start.localeCompare(a.start);
      });
    const role = mostCommonRole(personEvents);
    const nextEvent =
      personEvents.find((event) => event.start >= nowIso.slice(0, event.start.length)) ?? null;
    const overlap = [...topicCounts.values()].reduce((sum, count) => sum + count, 0);
    suggestions.push({
      key: person.key,
      name: person.name,
      role,
      sharedTopics,
      events: personEvents,
      nextEvent,
      why: whyMeet(role, personEvents, sharedTopics[0] ?? null),
      // Topic overlap first, then how often they appear, and a saved event counts double.
      rank: overlap * 10 + personEvents.length + (anySaved ? 2 : 0),
    });
  }
  return suggestions
    .sort((a, b) => b.rank - a.rank || a.name.localeCompare(b.name))
    .slice(0, input.limit ?? 20)
    .map(({ rank: _rank, ...suggestion }) => suggestion);
}

const VERBS: Record<PersonRole, string> = {
  speaker: 'Speaks at',
  chair: 'Chairs',
  organizer: 'Organizes',
  author: 'Announces',
};

function mostCommonRole(events: readonly PersonEvent[]): PersonRole {
  const counts = new Map<PersonRole, number>();
  for (const event of events) counts.set(event.role, (counts.get(event.role) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'speaker';
}

/** "Speaks at 3 Leadership events you match: A, B and C." / "Chairs Platform Day, which you saved." */
function whyMeet(role: PersonRole, events: readonly PersonEvent[], topic: string | null): string {
  const verb = VERBS[role];
  const saved = events.filter((event) => event.saved);
  if (saved.length > 0 && events.length === saved.length) {
    return `${verb} ${titleList(saved.map((event) => event.title))}, which you saved.`;
  }
  const label = topic && isTopicId(topic) ? `${topicById(topic).label} ` : '';
  const titles = titleList(
    events.slice(0, SHOWN_TITLES).map((event) => event.title),
    events.length - SHOWN_TITLES,
  );
  const savedNote =
    saved.length > 0 ? ` You saved ${saved.length === 1 ? 'one' : saved.length} of them.` : '';
  return `${verb} ${events.length} ${label}events you match: ${titles}.${savedNote}`;
}

function titleList(titles: readonly string[], more = 0): string {
  const shown = more > 0 ? [...titles, `${more} more`] : [...titles];
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
