import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { offsetChangesBetween, vtimezoneFor } from '../../../shared/calendar/vtimezone.ts';

const year2026 = [Date.parse('2026-01-01T00:00:00Z'), Date.parse('2027-01-01T00:00:00Z')] as const;

describe('offsetChangesBetween', () => {
  it('finds both Berlin changes of 2026 to the minute', () => {
    expect(offsetChangesBetween('Europe/Berlin', ...year2026)).toEqual([
      { atMs: Date.parse('2026-03-29T01:00:00Z'), offsetFromMs: 3_600_000, offsetToMs: 7_200_000 },
      { atMs: Date.parse('2026-10-25T01:00:00Z'), offsetFromMs: 7_200_000, offsetToMs: 3_600_000 },
    ]);
  });

  it('names observances by the abbreviation used where the zone is', () => {
    const berlin = vtimezoneFor('Europe/Berlin', ...year2026);
    expect(berlin.match(/TZNAME:\w+/g)).toEqual(['TZNAME:CET', 'TZNAME:CEST', 'TZNAME:CET']);
  });

  it('finds Lord Howe half-hour changes and none for Kolkata', () => {
    const lordHowe = offsetChangesBetween('Australia/Lord_Howe', ...year2026);
    expect(
      lordHowe.map((change) => [new Date(change.atMs).toISOString(), change.offsetToMs / 60_000]),
    ).toEqual([
      ['2026-04-04T15:00:00.000Z', 630],
      ['2026-10-03T15:30:00.000Z', 660],
    ]);
    expect(offsetChangesBetween('Asia/Kolkata', ...year2026)).toEqual([]);
  });
});

describe('vtimezoneFor', () => {
  it('writes observances that ical.js applies to local times on both sides of a change', () => {
    const block = vtimezoneFor('America/New_York', ...year2026);
    expect(block).toContain(
      'BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400',
    );
    expect(block).toContain(
      'BEGIN:STANDARD\r\nDTSTART:20261101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500',
    );
    const calendar = new ICAL.Component(
      ICAL.parse(`BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n${block}\r\nEND:VCALENDAR\r\n`),
    );
    const zone = new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone') as ICAL.Component);
    const utcOf = (local: string) => {
      const time = ICAL.Time.fromDateTimeString(local);
      time.zone = zone;
      return time.toJSDate().toISOString();
    };
    expect(utcOf('2026-03-07T09:00:00')).toBe('2026-03-07T14:00:00.000Z');
    expect(utcOf('2026-03-09T09:00:00')).toBe('2026-03-09T13:00:00.000Z');
    expect(utcOf('2026-11-02T09:00:00')).toBe('2026-11-02T14:00:00.000Z');
  });

  it('writes a single standard observance for a zone without changes', () => {
    expect(vtimezoneFor('Asia/Kolkata', ...year2026)).toBe(
      [
        'BEGIN:VTIMEZONE',
        'TZID:Asia/Kolkata',
        'BEGIN:STANDARD',
        'DTSTART:20251231T053000',
        'TZOFFSETFROM:+0530',
        'TZOFFSETTO:+0530',
        'TZNAME:IST',
        'END:STANDARD',
        'END:VTIMEZONE',
      ].join('\r\n'),
    );
  });
});
