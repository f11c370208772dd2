import { describe, expect, it } from 'vitest';
import { selectCalendarEntries } from '../../../shared/calendar/select-calendar-entries.ts';
import type { MatchedEvent } from '../../../shared/matching/match-events.ts';
import { storedEvent } from './calendar-fixtures.ts';

const now = new Date('2026-03-01T12:00:00Z');
const match = (id: string, start: string, reasons = ['matches: kubernetes']): MatchedEvent => ({
  event: storedEvent({ id, start, end: null }),
  score: 1,
  reasons,
  section: 'near-you',
});

describe('selectCalendarEntries', () => {
  it('holds saved events first-class, matched events, in start order, each once', () => {
    const saved = storedEvent({ id: 'evt_saved', start: '2026-03-10T18:00:00Z', end: null, revision: 2 });
    const entries = selectCalendarEntries({
      matches: [
        match('evt_b', '2026-03-05T18:00:00Z'),
        match('evt_saved', '2026-03-10T18:00:00Z', ['3 km away']),
      ],
      saved: [saved],
      previouslyShown: [],
      now,
    });
    expect(entries.map((entry) => [entry.event.id, entry.note, entry.sequence])).toEqual([
      ['evt_b', 'Why it is here: matches: kubernetes', 0],
      ['evt_saved', 'You saved this event. Matches: 3 km away', 2],
    ]);
  });

  it('keeps saved events 30 days after they end, and drops matched ones that are over', () => {
    const entries = selectCalendarEntries({
      matches: [match('evt_over', '2026-03-01T10:00:00Z')],
      saved: [
        storedEvent({ id: 'evt_recent', start: '2026-02-10T18:00:00Z', end: null }),
        storedEvent({ id: 'evt_old', start: '2026-01-20T18:00:00Z', end: null }),
      ],
      previouslyShown: [],
      now,
    });
    expect(entries.map((entry) => entry.event.id)).toEqual(['evt_recent']);
  });

  it('shows an event of the previous feed that was cancelled or removed as cancelled until it is past', () => {
    const entries = selectCalendarEntries({
      matches: [],
      saved: [],
      previouslyShown: [
        storedEvent({ id: 'evt_cancelled', start: '2026-03-04T18:00:00Z', status: 'cancelled' }),
        storedEvent({ id: 'evt_removed', start: '2026-03-05T18:00:00Z', removed: true }),
        storedEvent({ id: 'evt_unmatched', start: '2026-03-06T18:00:00Z' }),
        storedEvent({ id: 'evt_past', start: '2026-02-20T18:00:00Z', end: null, status: 'cancelled' }),
      ],
      now,
    });
    expect(entries.map((entry) => [entry.event.id, entry.status])).toEqual([
      ['evt_cancelled', 'cancelled'],
      ['evt_removed', 'cancelled'],
    ]);
  });
});
