import { describe, expect, it } from 'vitest';
import { digestSubject } from '../../../shared/digest/digest-subject.ts';
import { digestSuggestions, suggestionsDue } from '../../../shared/digest/digest-suggestions.ts';
import { renderDigestText } from '../../../shared/digest/render-digest-text.ts';
import type { StoredEvent } from '../../../shared/events/stored-event.ts';
import type { MatchedEvent } from '../../../shared/matching/match-events.ts';
import { storedEvent, userProfile } from '../../support/matching-fixtures.ts';
import { digestModel, quietWeekModel } from './digest-model-builder.ts';

const now = new Date('2030-03-04T08:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
const lena = {
  name: 'Lena Hoffmann',
  key: 'lena hoffmann',
  role: 'speaker' as const,
  from: 'field' as const,
};

const circle = (id: string, start: string): StoredEvent =>
  storedEvent({
    id,
    title: `Leadership Circle ${id}`,
    start,
    tags: ['leadership'],
    kind: 'peer-group',
    organization: 'Women Who Lead Berlin',
    people: [lena],
  });
const matches: MatchedEvent[] = [
  circle('one', '2030-03-06T18:00:00Z'),
  circle('two', '2030-03-13T18:00:00Z'),
].map((event) => ({ event, score: 5, reasons: ['matches: Leadership'], section: 'near-you' }));

const input = {
  profile: userProfile({ topics: ['leadership'] }),
  matches,
  saved: [],
  contacts: [],
  memberships: [],
  windowDays: 14,
  now,
};

describe('people worth meeting and organizations worth joining in the digest', () => {
  it('shows someone and something new the first time, and remembers them', () => {
    const result = digestSuggestions({ ...input, memory: {} });
    expect(result.people.map((person) => person.name)).toEqual(['Lena Hoffmann']);
    expect(result.people[0]?.nextEvent?.title).toBe('Leadership Circle one');
    expect(result.organizations.map((organization) => organization.name)).toEqual(['Women Who Lead Berlin']);
    expect(result.organizations[0]?.kind).toBe('Peer group');
    expect(result.memory.people).toEqual({ checkedAt: now.toISOString(), keys: ['lena hoffmann'] });
    expect(result.memory.organizations?.keys).toHaveLength(1);

    const text = renderDigestText(
      digestModel({ people: result.people, organizations: result.organizations }),
    );
    expect(text).toContain('People worth meeting\n--------------------\n\nLena Hoffmann\n  Speaks at 2');
    expect(text).toContain('Next: Leadership Circle one, Wed 6 Mar 2030, 19:00');
    expect(text).toContain('Organizations worth joining');
    expect(text).toContain('Women Who Lead Berlin (Peer group)');
  });

  it('looks again only a month later, and shows nobody it showed before', () => {
    const first = digestSuggestions({ ...input, memory: {} });
    const lastWeek = { people: { keys: first.memory.people?.keys ?? [], checkedAt: daysAgo(7) } };
    expect(suggestionsDue({ ...first.memory, ...lastWeek, organizations: lastWeek.people }, now)).toBe(false);
    const soon = digestSuggestions({ ...input, memory: { ...lastWeek, organizations: lastWeek.people } });
    expect(soon.people).toEqual([]);
    expect(soon.memory.people?.checkedAt).toBe(daysAgo(7));

    const monthAgo = {
      people: { checkedAt: daysAgo(28), keys: ['lena hoffmann'] },
      organizations: { keys: first.memory.organizations?.keys ?? [], checkedAt: daysAgo(28) },
    };
    expect(suggestionsDue(monthAgo, now)).toBe(true);
    const later = digestSuggestions({ ...input, memory: monthAgo });
    expect(later.people).toEqual([]);
    expect(later.organizations).toEqual([]);
    expect(later.memory.people).toEqual({ checkedAt: now.toISOString(), keys: ['lena hoffmann'] });
  });

  it('leaves out organizations the reader is a member of and people already in their contacts', () => {
    const first = digestSuggestions({ ...input, memory: {} });
    const key = first.organizations[0]?.key ?? '';
    const result = digestSuggestions({
      ...input,
      memory: {},
      contacts: [{ name: 'Lena Hoffmann' }],
      memberships: [{ organizationKey: key, renewsOn: null }],
    });
    expect(result.people).toEqual([]);
    expect(result.organizations).toEqual([]);
  });
});

describe('a week with only suggestions', () => {
  it('is not a quiet week: the suggestions are shown and named in the subject', () => {
    const { people } = digestSuggestions({ ...input, memory: {} });
    const model = quietWeekModel({ people });
    expect(renderDigestText(model)).toContain('People worth meeting');
    expect(digestSubject(model)).toBe('This week: 1 person worth meeting');
  });
});
