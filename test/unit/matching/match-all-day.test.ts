import { describe, expect, it } from 'vitest';
import { ids, matchBoth, onlineEvent, shown, userProfile } from '../../support/matching-fixtures.ts';

// NOW is Monday 2030-03-04 08:00 UTC: 09:00 in Berlin, 00:00 in Los Angeles, Sunday 22:00 in Honolulu.
// The window ends Monday 2030-03-18 08:00 UTC (Los Angeles is on daylight time from 10 March).
const conference = (id: string, date: string) =>
  onlineEvent({
    id,
    title: 'Kubernetes Conference',
    tags: ['kubernetes'],
    start: date,
    allDay: true,
    timeZone: null,
  });
const events = [conference('today', '2030-03-04'), conference('last-day', '2030-03-18')];
const reader = (timeZone: string) => userProfile({ topics: ['kubernetes'], timeZone });

describe('all-day events in the reader’s zone', () => {
  it('count as started from midnight of their date in the reader’s zone', () => {
    expect(ids(matchBoth(events, reader('Europe/Berlin')))).toEqual(['last-day']);
    // Midnight in Los Angeles is exactly the send time: not yet started.
    expect(ids(matchBoth(events, reader('America/Los_Angeles')))).toEqual(['today', 'last-day']);
    // In Honolulu the 18th begins at 10:00 UTC, after the window's end.
    expect(ids(matchBoth(events, reader('Pacific/Honolulu')))).toEqual(['today']);
  });

  it('take their soonness from that local midnight', () => {
    const midWindow = [conference('mid', '2030-03-11')];
    // Berlin: 2030-03-10 23:00 UTC, 6 days 15 hours after the send time: 1 − 6.625 / 14 = 0.527.
    expect(shown(matchBoth(midWindow, reader('Europe/Berlin')))).toEqual([
      ['mid', 10.53, 'matches: Kubernetes', 'online'],
    ]);
    // Tokyo: 2030-03-10 15:00 UTC: 1 − 6.292 / 14 = 0.551.
    expect(shown(matchBoth(midWindow, reader('Asia/Tokyo')))[0]?.[1]).toBe(10.55);
  });
});
