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

  it('reads a wall time in a DST gap or overlap as RFC 5545 does, whatever the date of the run', () => {
    // Spring forward: 02:30 does not exist in Berlin on 2026-03-29; read with the offset before (+01:00).
    expect(parseEventTime('2026-03-29T02:30', 'Europe/Berlin')).toMatchObject({
      utcMs: Date.UTC(2026, 2, 29, 1, 30),
    });
    // Fall back: 01:30 happens twice in New York on 2026-11-01; the first (EDT, -04:00) counts.
    expect(parseEventTime('2026-11-01T01:30', 'America/New_York')).toMatchObject({
      utcMs: Date.UTC(2026, 10, 1, 5, 30),
    });
  });

  it('reads ISO-8601 forms beyond the common one: fractions, 24:00, a zone in brackets, RFC 2822 weekdays', () => {
    expect(parseEventTime('2026-05-12T18:30:00.250Z', null)).toMatchObject({
      utcMs: Date.UTC(2026, 4, 12, 18, 30, 0, 250),
    });
    expect(parseEventTime('2026-05-12T24:00', null)).toMatchObject({ utcMs: Date.UTC(2026, 4, 13) });
    expect(parseEventTime('2026-05-12T24:01', null)).toBeNull();
    expect(parseEventTime('2026-05-12T18:00[Europe/Berlin]', null)).toMatchObject({
      utcMs: Date.UTC(2026, 4, 12, 16),
    });
    expect(parseEventTime('2026-05-12T18:00[Nowhere/Special]', null)).toBeNull();
    expect(parseEventTime('Wed, 12 May 2026 18:00:00 +0200', null)).toBeNull();
    expect(parseEventTime('12 May 26 18:00 EST', null)).toMatchObject({ utcMs: Date.UTC(2026, 4, 12, 23) });
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
