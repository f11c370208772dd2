import { describe, expect, it } from 'vitest';
import {
  digestDueInWeekOf,
  dispatchWindow,
  dueSlotsInWindow,
  isoWeekAt,
  isoWeekOfLocalDate,
} from '../../../shared/digest/digest-schedule.ts';
import { weekdays } from '../../../shared/users/user-profile.ts';

const hourMs = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');

describe('ISO weeks', () => {
  it('numbers weeks as ISO 8601 does, across year ends', () => {
    expect(isoWeekOfLocalDate(2026, 12, 28)).toBe('2026-W53');
    expect(isoWeekOfLocalDate(2027, 1, 3)).toBe('2026-W53');
    expect(isoWeekOfLocalDate(2027, 1, 4)).toBe('2027-W01');
    expect(isoWeekOfLocalDate(2024, 12, 30)).toBe('2025-W01');
  });

  it('takes the week in the reader zone', () => {
    // Sunday 23:30 in New York is already Monday in Berlin.
    const ms = Date.parse('2026-11-30T04:30:00Z');
    expect(isoWeekAt(ms, 'America/New_York')).toBe('2026-W48');
    expect(isoWeekAt(ms, 'Europe/Berlin')).toBe('2026-W49');
  });
});

describe('due instants', () => {
  it('puts Monday 08:00 at 07:00Z in a Berlin winter and 06:00Z in summer', () => {
    expect(
      iso(
        digestDueInWeekOf({ weekday: 'monday', hour: 8 }, 'Europe/Berlin', Date.parse('2026-11-26T12:00:00Z'))
          .dueMs,
      ),
    ).toBe('2026-11-23T07:00:00Z');
    expect(
      iso(
        digestDueInWeekOf({ weekday: 'monday', hour: 8 }, 'Europe/Berlin', Date.parse('2026-07-01T12:00:00Z'))
          .dueMs,
      ),
    ).toBe('2026-06-29T06:00:00Z');
  });

  it('moves an hour that does not exist to the first instant after the gap, and takes the first of a repeated hour', () => {
    // Berlin, Sunday 2026-03-29: 02:00–03:00 does not exist; Sunday 2026-10-25: 02:00–03:00 happens twice.
    expect(
      iso(
        digestDueInWeekOf({ weekday: 'sunday', hour: 2 }, 'Europe/Berlin', Date.parse('2026-03-27T00:00:00Z'))
          .dueMs,
      ),
    ).toBe('2026-03-29T01:00:00Z');
    expect(
      iso(
        digestDueInWeekOf({ weekday: 'sunday', hour: 2 }, 'Europe/Berlin', Date.parse('2026-10-23T00:00:00Z'))
          .dueMs,
      ),
    ).toBe('2026-10-25T00:00:00Z');
    // Lord Howe moves by 30 minutes at 02:00 on 2026-10-04.
    expect(
      iso(
        digestDueInWeekOf(
          { weekday: 'sunday', hour: 2 },
          'Australia/Lord_Howe',
          Date.parse('2026-10-01T00:00:00Z'),
        ).dueMs,
      ),
    ).toBe('2026-10-03T15:30:00Z');
  });

  it('finds the slots due in a window, at half-hour offsets too', () => {
    const slots = dueSlotsInWindow(
      'Asia/Kolkata',
      Date.parse('2026-11-30T02:00:00Z'),
      Date.parse('2026-11-30T03:00:00Z'),
    );
    expect(slots).toEqual([
      { weekday: 'monday', hour: 8, dueMs: Date.parse('2026-11-30T02:30:00Z'), isoWeek: '2026-W49' },
    ]);
  });
});

describe('dispatch windows', () => {
  it('covers the last hour, catches up after missed runs (at most 48 hours) and never covers a window twice', () => {
    const now = Date.parse('2026-11-30T08:00:07Z');
    expect(dispatchWindow(now, null)).toEqual({ fromMs: now - 7_000 - hourMs, toMs: now - 7_000 });
    expect(dispatchWindow(now, Date.parse('2026-11-30T05:00:00Z'))).toEqual({
      fromMs: Date.parse('2026-11-30T05:00:00Z'),
      toMs: Date.parse('2026-11-30T08:00:00Z'),
    });
    expect(dispatchWindow(now, Date.parse('2026-11-20T00:00:00Z'))?.fromMs).toBe(
      Date.parse('2026-11-28T08:00:00Z'),
    );
    expect(dispatchWindow(now, Date.parse('2026-11-30T08:00:00Z'))).toBeNull();
  });
});

describe('a year of hourly dispatch runs', () => {
  const zones = [
    'Europe/Berlin',
    'America/New_York',
    'Asia/Kolkata',
    'Australia/Lord_Howe',
    'Pacific/Auckland',
  ];
  for (const zone of zones) {
    it(`sends every slot exactly once per ISO week in ${zone}, through both DST changes`, () => {
      const sends = new Map<string, number>();
      const start = Date.parse('2026-01-05T00:00:00Z');
      const end = Date.parse('2027-01-04T00:00:00Z');
      let last: number | null = null;
      for (let now = start + 5_000; now < end; now += hourMs) {
        const window = dispatchWindow(now, last);
        if (!window) continue;
        for (const slot of dueSlotsInWindow(zone, window.fromMs, window.toMs)) {
          const key = `${slot.weekday}|${slot.hour}|${slot.isoWeek}`;
          sends.set(key, (sends.get(key) ?? 0) + 1);
          expect(slot.dueMs).toBe(digestDueInWeekOf(slot, zone, slot.dueMs).dueMs);
        }
        last = window.toMs;
      }
      expect([...sends.values()].every((count) => count === 1)).toBe(true);
      // Every full ISO week inside the year: all 168 slots, none skipped.
      for (let week = 3; week <= 50; week += 1) {
        const isoWeek = `2026-W${String(week).padStart(2, '0')}`;
        for (const weekday of weekdays) {
          for (let hour = 0; hour < 24; hour += 1) expect(sends.get(`${weekday}|${hour}|${isoWeek}`)).toBe(1);
        }
      }
    }, 60_000);
  }
});
