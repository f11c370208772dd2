import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../shared/events/stored-event.ts';
import type { PreviousDigestEntry } from '../../../shared/matching/match-events.ts';
import { ids, inDays, matchBoth, onlineEvent, userProfile } from '../../support/matching-fixtures.ts';

const kubernetes = userProfile({ topics: ['kubernetes'] });
const event = (id: string, fields: Partial<StoredEvent> = {}) =>
  onlineEvent({ id, title: `Kubernetes ${id}`, tags: ['kubernetes'], ...fields });
/** The entry the previous digest kept for an event as it was then. */
const shownBefore = (shown: StoredEvent, fields: Partial<PreviousDigestEntry> = {}): PreviousDigestEntry => ({
  eventId: shown.id,
  start: shown.start,
  status: shown.status,
  title: shown.title,
  allDay: shown.allDay,
  updatedAt: shown.updatedAt,
  ...fields,
});

describe('the previous digest: no repeats, and what changed since', () => {
  it('does not show again an event shown last time unchanged, and reports nothing about it', () => {
    const unchanged = event('unchanged');
    const result = matchBoth([unchanged, event('new')], kubernetes, { previous: [shownBefore(unchanged)] });
    expect(ids(result)).toEqual(['new']);
    expect(result.changes).toEqual([]);
  });

  it('reads the same instant written another way as the same start', () => {
    const unchanged = event('unchanged', { start: '2030-03-11T08:00:00Z' });
    const previous = [shownBefore(unchanged, { start: '2030-03-11T09:00:00+01:00' })];
    const result = matchBoth([unchanged], kubernetes, { previous });
    expect(result).toEqual({ matches: [], changes: [] });
  });

  it('reports a moved event as a change instead of a match, whether or not it still matches', () => {
    const moved = event('moved', { start: inDays(9) });
    const movedAway = event('moved-away', { start: inDays(10), tags: ['gardening'] });
    const previous = [shownBefore(moved, { start: inDays(8) }), shownBefore(movedAway, { start: inDays(5) })];
    const result = matchBoth([moved, movedAway], kubernetes, { previous });
    expect(result.matches).toEqual([]);
    expect(result.changes).toEqual([
      {
        eventId: 'moved',
        title: 'Kubernetes moved',
        change: 'moved',
        previousStart: inDays(8),
        start: inDays(9),
        allDay: false,
        url: 'https://events.example/moved',
      },
      {
        eventId: 'moved-away',
        title: 'Kubernetes moved-away',
        change: 'moved',
        previousStart: inDays(5),
        start: inDays(10),
        allDay: false,
        url: 'https://events.example/moved-away',
      },
    ]);
  });

  it('reports cancelled and removed events, cancelled before moved, removed before both', () => {
    const cancelled = event('cancelled', { status: 'cancelled', start: inDays(3) });
    const removed = event('removed', { removed: true, status: 'cancelled', start: inDays(4) });
    const previous = [
      shownBefore(removed, { status: 'confirmed' }),
      shownBefore(cancelled, { status: 'confirmed', start: inDays(2) }),
    ];
    const result = matchBoth([cancelled, removed], kubernetes, { previous });
    expect(result.changes.map((change) => [change.eventId, change.change, change.previousStart])).toEqual([
      ['cancelled', 'cancelled', inDays(2)],
      ['removed', 'removed', inDays(4)],
    ]);
  });

  it('shows a retitled event again, with no change notice', () => {
    const retitled = event('retitled', { title: 'Kubernetes retitled: now with pizza' });
    const result = matchBoth([retitled], kubernetes, {
      previous: [shownBefore(retitled, { title: 'Kubernetes retitled' })],
    });
    expect(ids(result)).toEqual(['retitled']);
    expect(result.changes).toEqual([]);
  });

  it('says nothing of events no longer in the window, of changes all in the past, or of events marked not interested', () => {
    const gone = event('gone');
    const pastMove = event('past-move', { start: inDays(-1) });
    const dismissed = event('dismissed', { status: 'cancelled' });
    const profile = {
      ...kubernetes,
      notInterested: [
        { eventId: 'dismissed', sourceId: null, organization: null, tags: [], at: '2030-03-01T00:00:00Z' },
      ],
    };
    const previous = [
      shownBefore(gone),
      shownBefore(pastMove, { start: inDays(-2) }),
      shownBefore(dismissed, { status: 'confirmed' }),
    ];
    expect(matchBoth([pastMove, dismissed], profile, { previous })).toEqual({ matches: [], changes: [] });
  });
});
