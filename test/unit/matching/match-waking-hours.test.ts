import { describe, expect, it } from 'vitest';
import {
  ids,
  inBerlin,
  matchBoth,
  onlineEvent,
  storedEvent,
  userProfile,
} from '../../support/matching-fixtures.ts';

/** NOW is Monday 2030-03-04 09:00 in Berlin; these start on Tuesday at the given UTC hour. */
const tuesdayUtc = (hour: number) => `2030-03-05T${String(hour).padStart(2, '0')}:00:00Z`;

describe('waking hours: online events start when the reader is up', () => {
  const events = [
    onlineEvent({ id: 'at-03', tags: ['kubernetes'], start: tuesdayUtc(2) }),
    onlineEvent({ id: 'at-19', tags: ['kubernetes'], start: tuesdayUtc(18) }),
    onlineEvent({ id: 'at-22', tags: ['kubernetes'], start: tuesdayUtc(21) }),
    onlineEvent({ id: 'all-day', tags: ['kubernetes'], start: '2030-03-05', allDay: true }),
    storedEvent({ id: 'near-at-03', tags: ['kubernetes'], start: tuesdayUtc(2) }),
  ];

  it('leaves out online events outside 07:00–22:00 in the reader’s zone by default; all-day and near ones stay', () => {
    const profile = userProfile({ topics: ['kubernetes'], places: [inBerlin] });
    expect(ids(matchBoth(events, profile)).sort()).toEqual(['all-day', 'at-19', 'near-at-03']);
  });

  it('follows the reader’s own hours, also across midnight', () => {
    const owl = userProfile({ topics: ['kubernetes'], wakingHours: { from: 12, to: 4 } });
    expect(ids(matchBoth(events, owl)).sort()).toEqual(['all-day', 'at-03', 'at-19', 'at-22']);
  });
});
