import { describe, expect, it } from 'vitest';
import { formatDay, formatEventTime, formatWindow } from '../../../shared/digest/format-event-time.ts';

const meetup = { start: '2024-12-03T18:00:00Z', end: '2024-12-03T20:00:00Z', allDay: false };

describe('formatEventTime', () => {
  it('shows the same instant in each reader’s zone with its abbreviation or offset', () => {
    expect(formatEventTime(meetup, 'Europe/Berlin')).toBe('Tue 3 Dec, 19:00–21:00 CET');
    expect(formatEventTime(meetup, 'America/New_York')).toBe('Tue 3 Dec, 13:00–15:00 EST');
    expect(formatEventTime(meetup, 'Asia/Kolkata')).toBe('Tue 3 Dec, 23:30 – Wed 4 Dec, 01:30 GMT+5:30');
  });

  it('follows each zone through a DST week when Europe and America change clocks on different dates', () => {
    // 2024: Europe falls back on 27 Oct, the US on 3 Nov; a weekly 17:00 UTC slot in between.
    const before = { start: '2024-10-22T17:00:00Z', end: null, allDay: false };
    const between = { start: '2024-10-29T17:00:00Z', end: null, allDay: false };
    const after = { start: '2024-11-05T17:00:00Z', end: null, allDay: false };
    expect([before, between, after].map((t) => formatEventTime(t, 'Europe/Berlin'))).toEqual([
      'Tue 22 Oct, 19:00 CEST',
      'Tue 29 Oct, 18:00 CET',
      'Tue 5 Nov, 18:00 CET',
    ]);
    expect([before, between, after].map((t) => formatEventTime(t, 'America/New_York'))).toEqual([
      'Tue 22 Oct, 13:00 EDT',
      'Tue 29 Oct, 13:00 EDT',
      'Tue 5 Nov, 12:00 EST',
    ]);
  });

  it('labels both ends of an event that spans the fall-back night and the spring-forward gap', () => {
    const fallBack = { start: '2024-10-26T23:30:00Z', end: '2024-10-27T02:30:00Z', allDay: false };
    expect(formatEventTime(fallBack, 'Europe/Berlin')).toBe('Sun 27 Oct, 01:30 CEST – 03:30 CET');
    const springForward = { start: '2025-03-30T00:30:00Z', end: '2025-03-30T02:30:00Z', allDay: false };
    expect(formatEventTime(springForward, 'Europe/Berlin')).toBe('Sun 30 Mar, 01:30 CET – 04:30 CEST');
  });

  it('names the end day of an event that runs past midnight', () => {
    const late = { start: '2024-12-03T21:00:00Z', end: '2024-12-04T01:00:00Z', allDay: false };
    expect(formatEventTime(late, 'Europe/Berlin')).toBe('Tue 3 Dec, 22:00 – Wed 4 Dec, 02:00 CET');
  });

  it('shows only the start when the end is missing or not after it', () => {
    expect(formatEventTime({ ...meetup, end: null }, 'Europe/Berlin')).toBe('Tue 3 Dec, 19:00 CET');
    expect(formatEventTime({ ...meetup, end: meetup.start }, 'Europe/Berlin')).toBe('Tue 3 Dec, 19:00 CET');
    expect(formatEventTime({ ...meetup, end: '2024-12-03T17:00:00Z' }, 'Europe/Berlin')).toBe(
      'Tue 3 Dec, 19:00 CET',
    );
  });

  it('shows a one-day all-day event as its calendar date in every zone', () => {
    const saturday = { start: '2024-12-14', end: '2024-12-15', allDay: true };
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Kiritimati']) {
      expect(formatEventTime(saturday, zone)).toBe('Sat 14 Dec (all day)');
    }
    expect(formatEventTime({ ...saturday, end: null }, 'Europe/Berlin')).toBe('Sat 14 Dec (all day)');
  });

  it('turns the exclusive end of a multi-day all-day event into its last day', () => {
    expect(formatEventTime({ start: '2024-12-14', end: '2024-12-16', allDay: true }, 'Europe/Berlin')).toBe(
      'Sat 14 – Sun 15 Dec',
    );
    expect(formatEventTime({ start: '2024-11-30', end: '2024-12-02', allDay: true }, 'Europe/Berlin')).toBe(
      'Sat 30 Nov – Sun 1 Dec',
    );
    expect(
      formatEventTime({ start: '2024-12-31', end: '2025-01-02', allDay: true }, 'Europe/Berlin', {
        referenceYear: 2024,
      }),
    ).toBe('Tue 31 Dec – Wed 1 Jan 2025');
  });

  it('adds the year only to dates outside the reference year', () => {
    const january = { start: '2025-01-02T18:00:00Z', end: null, allDay: false };
    expect(formatEventTime(january, 'Europe/Berlin', { referenceYear: 2024 })).toBe(
      'Thu 2 Jan 2025, 19:00 CET',
    );
    expect(formatEventTime(january, 'Europe/Berlin', { referenceYear: 2025 })).toBe('Thu 2 Jan, 19:00 CET');
  });

  it('uses English month names, Sep included', () => {
    const september = { start: '2025-09-02T17:00:00Z', end: null, allDay: false };
    expect(formatEventTime(september, 'Europe/London')).toBe('Tue 2 Sep, 18:00 BST');
  });

  it('falls back to UTC for a zone Intl does not know, and shows an unreadable time as stored', () => {
    expect(formatEventTime(meetup, 'Mars/Olympus_Mons')).toBe('Tue 3 Dec, 18:00–20:00 UTC');
    expect(formatEventTime({ start: 'next Tuesday', end: null, allDay: false }, 'Europe/Berlin')).toBe(
      'next Tuesday',
    );
    expect(formatEventTime({ start: '2024-02-30', end: null, allDay: true }, 'Europe/Berlin')).toBe(
      '2024-02-30',
    );
  });
});

describe('formatWindow', () => {
  it('shows the days of a week window in the reader’s zone', () => {
    expect(formatWindow('2024-12-01T23:00:00Z', '2024-12-08T23:00:00Z', 'Europe/Berlin')).toBe(
      'Mon 2 – Sun 8 Dec',
    );
    expect(formatWindow('2024-12-02T05:00:00Z', '2024-12-09T05:00:00Z', 'America/New_York')).toBe(
      'Mon 2 – Sun 8 Dec',
    );
    expect(formatWindow('2025-12-28T23:00:00Z', '2026-01-04T23:00:00Z', 'Europe/Berlin')).toBe(
      'Mon 29 Dec – Sun 4 Jan 2026',
    );
    expect(formatWindow('2024-12-02', '2024-12-09', 'Asia/Kolkata')).toBe('Mon 2 – Sun 8 Dec');
  });
});

describe('formatDay', () => {
  it('shows the reader’s calendar day of a date or an instant', () => {
    expect(formatDay('2024-11-04', 'America/New_York')).toBe('Mon 4 Nov');
    expect(formatDay('2024-11-04T23:30:00Z', 'Asia/Kolkata')).toBe('Tue 5 Nov');
    expect(formatDay('2023-11-04', 'Europe/Berlin', { referenceYear: 2024 })).toBe('Sat 4 Nov 2023');
  });
});
