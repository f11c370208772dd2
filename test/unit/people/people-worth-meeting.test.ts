import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../shared/events/stored-event.ts';
import type { EventPerson, PersonRole } from '../../../shared/feeds/feed-event.ts';
import { peopleWorthMeeting } from '../../../shared/people/people-worth-meeting.ts';
import { personKey } from '../../../shared/people/person-name.ts';

const now = new Date('2026-12-02T12:00:00Z');

const person = (name: string, role: PersonRole = 'speaker'): EventPerson => ({
  name,
  key: personKey(name),
  role,
  from: 'field',
});

function event(id: string, start: string, tags: string[], people: EventPerson[]): StoredEvent {
  return {
    id,
    title: `Event ${id}`,
    description: '',
    start,
    end: null,
    allDay: false,
    timeZone: 'Europe/Berlin',
    status: 'confirmed',
    online: false,
    joinUrl: null,
    location: null,
    place: null,
    organizer: null,
    url: `https://example.org/${id}`,
    tags,
    kind: 'industry-event',
    organization: null,
    people,
    primarySourceId: 'src_1',
    sources: [],
    removed: false,
    firstSeenAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
  };
}

const profile = { topics: ['leadership', 'engineering-management'] };

describe('people worth meeting', () => {
  const kim = person('Dr. Kim Lee');
  const sam = person('Sam Rivera');
  const lone = person('Lone Speaker');
  const matched = [
    event('a', '2026-12-08T18:00:00Z', ['leadership'], [kim, sam]),
    event('b', '2026-12-15T18:00:00Z', ['leadership', 'engineering-management'], [kim]),
    event('c', '2026-11-20T18:00:00Z', ['cloud'], [sam, lone]),
    event('d', '2027-01-10T18:00:00Z', ['leadership'], [person('KIM LEE', 'chair')]),
  ];

  it('keeps people in two or more matching events, ranked by overlap with the reader’s topics', () => {
    const people = peopleWorthMeeting({ profile, matched, saved: [], contacts: [], now });
    expect(people.map((suggestion) => suggestion.name)).toEqual(['Dr. Kim Lee', 'Sam Rivera']);
    const [first] = people;
    expect(first?.events.map((item) => item.id)).toEqual(['a', 'b', 'd']);
    expect(first?.sharedTopics).toEqual(['leadership', 'engineering-management']);
    expect(first?.why).toBe('Speaks at 3 Leadership events you match: Event a, Event b and Event d.');
    expect(first?.nextEvent?.id).toBe('a');
    // Coming events first, then the past ones, latest first.
    expect(people[1]?.events.map((item) => item.id)).toEqual(['a', 'c']);
  });

  it('one event the reader saved is enough, and says so', () => {
    const saved = [event('s', '2026-12-20T18:00:00Z', ['leadership'], [person('Ana Costa', 'organizer')])];
    const people = peopleWorthMeeting({ profile, matched: [], saved, contacts: [], now });
    expect(people).toHaveLength(1);
    expect(people[0]?.why).toBe('Organizes Event s, which you saved.');
  });

  it('leaves out people the reader already has as contacts', () => {
    const people = peopleWorthMeeting({ profile, matched, saved: [], contacts: [{ name: 'Kim Lee' }], now });
    expect(people.map((suggestion) => suggestion.name)).toEqual(['Sam Rivera']);
  });
});
