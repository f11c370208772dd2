import { describe, expect, it } from 'vitest';
import { customZoneRules, ianaZoneRules } from '../../../shared/time/zone-rules.ts';
import { localMsToUtcMs, localMsToUtcMsUncached, wallTimeToUtcMs } from '../../../shared/time/zoned-time.ts';

const iso = (utcMs: number): string => new Date(utcMs).toISOString();

describe('wallTimeToUtcMs', () => {
  it('converts with the standard and the summer offset of Europe/Berlin', () => {
    expect(iso(wallTimeToUtcMs(2026, 1, 15, 9, 0, 0, 'Europe/Berlin'))).toBe('2026-01-15T08:00:00.000Z');
    expect(iso(wallTimeToUtcMs(2026, 7, 15, 9, 0, 0, 'Europe/Berlin'))).toBe('2026-07-15T07:00:00.000Z');
  });

  it('reads a time in the spring-forward gap with the offset before the gap (RFC 5545 3.3.5)', () => {
    // Berlin skips 02:00-03:00 on 2026-03-29; 02:30 is read at +01:00.
    expect(iso(wallTimeToUtcMs(2026, 3, 29, 2, 30, 0, 'Europe/Berlin'))).toBe('2026-03-29T01:30:00.000Z');
    // New York skips 02:00-03:00 on 2026-03-08; 02:30 is read at -05:00.
    expect(iso(wallTimeToUtcMs(2026, 3, 8, 2, 30, 0, 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
  });

  it('reads a time that occurs twice as its first occurrence', () => {
    // Berlin repeats 02:00-03:00 on 2026-10-25; the first 02:30 is at +02:00.
    expect(iso(wallTimeToUtcMs(2026, 10, 25, 2, 30, 0, 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
    // New York repeats 01:00-02:00 on 2026-11-01; the first 01:30 is at -04:00.
    expect(iso(wallTimeToUtcMs(2026, 11, 1, 1, 30, 0, 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
  });

  it('handles the times right around the Berlin changes', () => {
    expect(iso(wallTimeToUtcMs(2026, 3, 29, 1, 59, 59, 'Europe/Berlin'))).toBe('2026-03-29T00:59:59.000Z');
    expect(iso(wallTimeToUtcMs(2026, 3, 29, 3, 0, 0, 'Europe/Berlin'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(wallTimeToUtcMs(2026, 10, 25, 1, 59, 0, 'Europe/Berlin'))).toBe('2026-10-24T23:59:00.000Z');
    expect(iso(wallTimeToUtcMs(2026, 10, 25, 3, 0, 0, 'Europe/Berlin'))).toBe('2026-10-25T02:00:00.000Z');
  });

  it('handles Lord Howe Island and its 30-minute DST', () => {
    // Standard +10:30, summer +11:00.
    expect(iso(wallTimeToUtcMs(2026, 7, 1, 9, 0, 0, 'Australia/Lord_Howe'))).toBe('2026-06-30T22:30:00.000Z');
    expect(iso(wallTimeToUtcMs(2026, 1, 15, 9, 0, 0, 'Australia/Lord_Howe'))).toBe(
      '2026-01-14T22:00:00.000Z',
    );
    // 2026-10-04 02:00 → 02:30: 02:15 is in the gap, read at +10:30.
    expect(iso(wallTimeToUtcMs(2026, 10, 4, 2, 15, 0, 'Australia/Lord_Howe'))).toBe(
      '2026-10-03T15:45:00.000Z',
    );
    // 2026-04-05 02:00 → 01:30: 01:45 occurs twice, the first at +11:00.
    expect(iso(wallTimeToUtcMs(2026, 4, 5, 1, 45, 0, 'Australia/Lord_Howe'))).toBe(
      '2026-04-04T14:45:00.000Z',
    );
  });

  it('handles a southern-hemisphere zone, whose summer is in January', () => {
    expect(iso(wallTimeToUtcMs(2026, 1, 15, 9, 0, 0, 'Australia/Sydney'))).toBe('2026-01-14T22:00:00.000Z');
    expect(iso(wallTimeToUtcMs(2026, 7, 1, 9, 0, 0, 'Australia/Sydney'))).toBe('2026-06-30T23:00:00.000Z');
    // DST ends 2026-04-05 03:00 → 02:00: the first 02:30 is at +11:00.
    expect(iso(wallTimeToUtcMs(2026, 4, 5, 2, 30, 0, 'Australia/Sydney'))).toBe('2026-04-04T15:30:00.000Z');
    // DST starts 2026-10-04 02:00 → 03:00: 02:30 is read at +10:00.
    expect(iso(wallTimeToUtcMs(2026, 10, 4, 2, 30, 0, 'Australia/Sydney'))).toBe('2026-10-03T16:30:00.000Z');
  });

  it('handles half-hour offsets and UTC', () => {
    expect(iso(wallTimeToUtcMs(2026, 1, 1, 10, 0, 0, 'Asia/Kolkata'))).toBe('2026-01-01T04:30:00.000Z');
    expect(iso(wallTimeToUtcMs(2026, 3, 29, 2, 30, 0, 'UTC'))).toBe('2026-03-29T02:30:00.000Z');
  });

  it('throws RangeError for a zone Intl does not know', () => {
    expect(() => wallTimeToUtcMs(2026, 1, 1, 0, 0, 0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('the cached conversion', () => {
  const QUARTER_HOUR = 15 * 60_000;
  const DAY = 86_400_000;

  /** Every 15-minute slot, and a wall time inside each slot, from 3 days before to 3 days after `aroundLocalMs`. */
  function wallTimesAround(aroundLocalMs: number): number[] {
    const times: number[] = [];
    for (let localMs = aroundLocalMs - 3 * DAY; localMs < aroundLocalMs + 3 * DAY; localMs += QUARTER_HOUR) {
      times.push(localMs, localMs + 7 * 60_000 + 30_000, localMs + QUARTER_HOUR - 1000);
    }
    return times;
  }

  const changes: [zone: string, wallTime: string][] = [
    ['Europe/Berlin', '2026-03-29T02:00:00Z'],
    ['Europe/Berlin', '2026-10-25T02:00:00Z'],
    ['America/New_York', '2026-03-08T02:00:00Z'],
    ['America/New_York', '2026-11-01T01:00:00Z'],
    ['Australia/Lord_Howe', '2026-10-04T02:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-05T01:30:00Z'],
    ['Australia/Sydney', '2026-04-05T02:00:00Z'],
  ];

  it.each(changes)(
    'equals the uncached one in every 15-minute slot across the %s change at %s',
    (zone, wallTime) => {
      const rules = ianaZoneRules(zone);
      const times = wallTimesAround(Date.parse(wallTime));
      // Walk backwards first so the cache is filled in another order than the check reads it.
      const cached = times.toReversed().map((localMs) => localMsToUtcMs(rules, localMs));
      const expected = times.toReversed().map((localMs) => localMsToUtcMsUncached(rules, localMs));
      expect(cached).toEqual(expected);
      expect(times.map((localMs) => localMsToUtcMs(rules, localMs))).toEqual(
        times.map((localMs) => localMsToUtcMsUncached(rules, localMs)),
      );
    },
  );

  it('equals the uncached one every hour over two years in several zones', () => {
    for (const zone of [
      'Europe/London',
      'America/Sao_Paulo',
      'Pacific/Chatham',
      'Asia/Tehran',
      'America/Santiago',
    ]) {
      const rules = ianaZoneRules(zone);
      const mismatches: string[] = [];
      for (
        let localMs = Date.UTC(2025, 0, 1);
        localMs < Date.UTC(2027, 0, 1);
        localMs += 3_600_000 + 60_000
      ) {
        if (localMsToUtcMs(rules, localMs) !== localMsToUtcMsUncached(rules, localMs)) {
          mismatches.push(`${zone} ${new Date(localMs).toISOString()}`);
        }
      }
      expect(mismatches).toEqual([]);
    }
  });

  it('equals the uncached one every minute around transitions at odd minutes (as in local mean time)', () => {
    // +01:00 until 01:07 UTC, then +02:00: the local gap is 02:07-03:07, inside 15-minute slots.
    const transitionMs = Date.parse('2026-03-29T01:07:00Z');
    const rules = customZoneRules((utcMs) => (utcMs < transitionMs ? 3_600_000 : 7_200_000));
    const mismatches: string[] = [];
    for (
      let localMs = Date.parse('2026-03-29T00:00:00Z');
      localMs < Date.parse('2026-03-29T05:00:00Z');
      localMs += 60_000
    ) {
      if (localMsToUtcMs(rules, localMs) !== localMsToUtcMsUncached(rules, localMs)) {
        mismatches.push(new Date(localMs).toISOString());
      }
    }
    expect(mismatches).toEqual([]);
    expect(iso(localMsToUtcMs(rules, Date.parse('2026-03-29T03:10:00Z')))).toBe('2026-03-29T01:10:00.000Z');
    expect(iso(localMsToUtcMs(rules, Date.parse('2026-03-29T03:00:00Z')))).toBe('2026-03-29T02:00:00.000Z');
  });

  it('still converts the gap and the overlap per RFC 5545 once the days are cached', () => {
    const rules = ianaZoneRules('Europe/Berlin');
    for (let i = 0; i < 3; i++) {
      expect(iso(localMsToUtcMs(rules, Date.parse('2026-03-29T02:30:00Z')))).toBe('2026-03-29T01:30:00.000Z');
      expect(iso(localMsToUtcMs(rules, Date.parse('2026-10-25T02:30:00Z')))).toBe('2026-10-25T00:30:00.000Z');
    }
  });
});
