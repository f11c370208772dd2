import { describe, expect, it } from 'vitest';
import { ids, inDays, matchBoth, onlineEvent, shown, userProfile } from '../../support/matching-fixtures.ts';

const kubernetes = userProfile({ topics: ['kubernetes'] });
/** Online Kubernetes events, one a day from day 1: the earlier, the higher. */
const daily = (count: number, organization: (day: number) => string | null) =>
  Array.from({ length: count }, (_, index) =>
    onlineEvent({
      id: `day-${String(index + 1).padStart(2, '0')}`,
      tags: ['kubernetes'],
      start: inDays(index + 1),
      organization: organization(index + 1),
      primarySourceId: `src-${index + 1}`,
    }),
  );

describe('ranking and caps', () => {
  it('shows at most 12 events, the best ones', () => {
    const result = matchBoth(
      daily(13, (day) => `Org ${day}`),
      kubernetes,
    );
    expect(ids(result)).toEqual(daily(12, () => null).map((event) => event.id));
  });

  it('shows at most 3 events of one organization, however it is written, and the next best instead', () => {
    const events = daily(14, (day) =>
      day <= 4 ? (['CNCF', 'cncf', ' Cncf ', 'CNCF'][day - 1] ?? null) : `Org ${day}`,
    );
    const expected = ['01', '02', '03', '05', '06', '07', '08', '09', '10', '11', '12', '13'];
    expect(ids(matchBoth(events, kubernetes))).toEqual(expected.map((day) => `day-${day}`));
  });

  it('fills the room the cap leaves with the best of what it held back, in rank order', () => {
    const events = daily(6, (day) => (day <= 4 ? 'CNCF' : 'Other'));
    expect(ids(matchBoth(events, kubernetes))).toEqual([
      'day-01',
      'day-02',
      'day-03',
      'day-04',
      'day-05',
      'day-06',
    ]);
  });

  it('groups events without an organization by their organizer, else by their primary source', () => {
    const bySource = daily(14, () => null).map((event, index) => ({
      ...event,
      primarySourceId: index < 4 ? 'src-same' : `src-${index}`,
    }));
    const expected = ['01', '02', '03', '05', '06', '07', '08', '09', '10', '11', '12', '13'];
    expect(ids(matchBoth(bySource, kubernetes))).toEqual(expected.map((day) => `day-${day}`));
    // One source listing four chapters' events: each chapter is its own organization.
    const byOrganizer = daily(14, () => null).map((event, index) => ({
      ...event,
      primarySourceId: 'src-meetup-com',
      organizer: `Chapter ${index % 4}`,
    }));
    expect(ids(matchBoth(byOrganizer, kubernetes))).toEqual(
      ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((day) => `day-${day}`),
    );
  });

  it('takes the limits from the options', () => {
    const events = daily(6, (day) => (day <= 3 ? 'CNCF' : `Org ${day}`));
    expect(ids(matchBoth(events, kubernetes, { maxEvents: 2 }))).toEqual(['day-01', 'day-02']);
    expect(ids(matchBoth(events, kubernetes, { maxEvents: 4, maxPerOrganization: 1 }))).toEqual([
      'day-01',
      'day-04',
      'day-05',
      'day-06',
    ]);
    expect(ids(matchBoth(events, kubernetes, { maxEvents: 0 }))).toEqual([]);
  });

  it('breaks equal scores by the earlier start, then by id, whatever order the events come in', () => {
    const tied = [
      onlineEvent({ id: 'b-late', tags: ['kubernetes'], start: inDays(7) }),
      onlineEvent({ id: 'c', tags: ['kubernetes'], start: inDays(6.99) }),
      onlineEvent({ id: 'a', tags: ['kubernetes'], start: inDays(6.99) }),
    ];
    // 6.99 and 7 days both round to 10.5: the same score.
    const expected = [
      ['a', 10.5, 'matches: Kubernetes', 'online'],
      ['c', 10.5, 'matches: Kubernetes', 'online'],
      ['b-late', 10.5, 'matches: Kubernetes', 'online'],
    ];
    expect(shown(matchBoth(tied, kubernetes))).toEqual(expected);
    expect(shown(matchBoth([...tied].reverse(), kubernetes))).toEqual(expected);
  });

  it('ranks by score before start', () => {
    const events = [
      onlineEvent({ id: 'soon-one-topic', tags: ['kubernetes'], start: inDays(1) }),
      onlineEvent({ id: 'late-two-topics', tags: ['kubernetes', 'security'], start: inDays(13) }),
    ];
    const profile = userProfile({ topics: ['kubernetes', 'security'] });
    expect(shown(matchBoth(events, profile)).map(([id, score]) => [id, score])).toEqual([
      ['late-two-topics', 13.07],
      ['soon-one-topic', 10.93],
    ]);
  });
});
