import { describe, expect, it } from 'vitest';
import { exclusiveEnd, parseEventTime } from '../../../shared/feeds/event-time.ts';

describe('parseEventTime', () => {
  it('reads a time with an offset as an instant without a zone', () => {
    expect(parseEventTime('2026-05-12T18:30:00+02:00', 'America/New_York')).toEqual({
      kind: 'instant',
      utcMs: Date.UTC(2026, 4, 12, 16, 30),
      timeZone: null,
    });
    expect(parseEventTime('2026-05-12T18:30:00+0200', null)).toMatchObject({
      utcMs: Date.UTC(2026, 4, 12, 16, 30),
    });
    expect(parseEventTime('20260512T163000Z', null)).toMatchObject({ utcMs: Date.UTC(2026, 4, 12, 16, 30) });
  });

  it('reads a wall time in the default zone, or in UTC without one', () => {
    expect(parseEventTime('2026-01-15T09:00', 'Europe/Berlin')).toEqual({
      kind: 'instant',
      utcMs: Date.UTC(2026, 0, 15, 8),
      timeZone: 'Europe/Berlin',
    });
    expect(parseEventTime('2026-01-15 09:00:00', null)).toEqual({
      kind: 'instant',
      utcMs: Date.UTC(2026, 0, 15, 9),
      timeZone: null,
    });
  });

  it('reads a date alone as an all-day date, in extended or basic format', () => {
    expect(parseEventTime('2026-06-03', 'Europe/Berlin')).toEqual({ kind: 'date', date: '2026-06-03' });
    expect(parseEventTime('20260603', null)).toEqual({ kind: 'date', date: '2026-06-03' });
  });

  it('reads RFC 2822 dates as some RSS feeds write them', () => {
    expect(parseEventTime('Tue, 12 May 2026 18:00:00 +0200', null)).toEqual({
      kind: 'instant',
      utcMs: Date.UTC(2026, 4, 12, 16),
      timeZone: null,
    });
  });

  it('rejects garbage, impossible dates and a bare year', () => {
    for (const value of ['TBA', '2026-13-45', '2026-02-30T10:00:00Z', '2026', '', 'next Tuesday']) {
      expect(parseEventTime(value, null)).toBeNull();
    }
  });
});

describe('exclusiveEnd', () => {
  it('moves an inclusive last day one day on, across a month end, and leaves instants alone', () => {
    expect(exclusiveEnd({ kind: 'date', date: '2026-02-28' })).toEqual({ kind: 'date', date: '2026-03-01' });
    const instant = { kind: 'instant', utcMs: 0, timeZone: null } as const;
    expect(exclusiveEnd(instant)).toBe(instant);
  });
});
