import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseICalendar } from '../../../shared/feeds/ical/parse-icalendar.ts';
import type { EventTime, RawEvent, RawFeed } from '../../../shared/feeds/raw-event.ts';

const YEAR_2026 = { fromMs: Date.parse('2026-01-01T00:00:00Z'), toMs: Date.parse('2027-01-01T00:00:00Z') };

function parseFixture(name: string, defaultTimeZone: string | null = null): RawFeed {
  const text = readFileSync(new URL(`../../fixtures/ical/${name}`, import.meta.url), 'utf8');
  return parseICalendar(text, YEAR_2026, { defaultTimeZone });
}

/** "2026-06-09T13:00:00.000Z America/New_York", or the date of an all-day time. */
function when(time: EventTime | null): string | null {
  if (time === null) return null;
  return time.kind === 'date' ? time.date : `${new Date(time.utcMs).toISOString()} ${time.timeZone}`;
}

function span(event: RawEvent | undefined): [string | null, string | null] {
  return event ? [when(event.start), when(event.end)] : [null, null];
}

describe('parseICalendar with Outlook and Exchange zone names', () => {
  const feed = parseFixture('outlook-zones.ics');
  const byUid = (uid: string) => feed.events.filter((event) => event.uid === uid);

  it('reads every spelling of the Eastern zone as New York, one hour long', () => {
    for (const uid of [
      'eastern-and-quoted',
      'eastern-and-unquoted',
      'eastern-ampersand-unquoted',
      'eastern-without-offset',
      'eastern-windows-id',
    ]) {
      expect(span(byUid(uid)[0]), uid).toEqual([
        '2026-06-09T13:00:00.000Z America/New_York',
        '2026-06-09T14:00:00.000Z America/New_York',
      ]);
    }
  });

  it("uses the feed's VTIMEZONE for a TZID no name table knows", () => {
    expect(span(byUid('customized-zone')[0])).toEqual([
      '2026-06-09T06:00:00.000Z null',
      '2026-06-09T07:00:00.000Z null',
    ]);
  });

  it('reads an unknown display name without a VTIMEZONE at the offset it states, with a warning', () => {
    expect(span(byUid('unknown-display-name')[0])).toEqual([
      '2026-06-09T06:00:00.000Z null',
      '2026-06-09T07:00:00.000Z null',
    ]);
    expect(feed.problems.filter((problem) => problem.entry === 'unknown-display-name')).toEqual([
      {
        entry: 'unknown-display-name',
        message: "unknown time zone '(UTC+03:00) Somewhere New'; read at its stated offset UTC+03:00",
        severity: 'warning',
      },
    ]);
  });

  it('recovers a weekly series whose time was quoted together with its TZID, with a warning', () => {
    expect(byUid('quoted-together').map(span)).toEqual([
      ['2026-06-09T07:00:00.000Z Europe/Berlin', '2026-06-09T08:00:00.000Z Europe/Berlin'],
      ['2026-06-16T07:00:00.000Z Europe/Berlin', '2026-06-16T08:00:00.000Z Europe/Berlin'],
      ['2026-06-23T07:00:00.000Z Europe/Berlin', '2026-06-23T08:00:00.000Z Europe/Berlin'],
    ]);
    expect(feed.problems.filter((problem) => problem.entry === 'quoted-together')).toEqual([
      {
        entry: 'quoted-together',
        message: `line 66: value read from inside a quoted parameter ('DTSTART;TZID="W. Europe Standard Time:20260609T090000"')`,
        severity: 'warning',
      },
      {
        entry: 'quoted-together',
        message: `line 67: value read from inside a quoted parameter ('DTEND;TZID="W. Europe Standard Time:20260609T100000"')`,
        severity: 'warning',
      },
    ]);
  });

  it('has no other problems', () => {
    expect(
      feed.problems.filter(
        (problem) => !['unknown-display-name', 'quoted-together'].includes(problem.entry ?? ''),
      ),
    ).toEqual([]);
  });
});

describe('parseICalendar floating times in a calendar with one VTIMEZONE', () => {
  it('reads them in that zone, before the source default', () => {
    const feed = parseFixture('floating-sole-vtimezone.ics', 'Europe/Berlin');
    const [floating, zoned] = feed.events;
    expect(span(floating)).toEqual([
      '2026-01-15T17:00:00.000Z America/Los_Angeles',
      '2026-01-15T18:00:00.000Z America/Los_Angeles',
    ]);
    expect(when(zoned?.start ?? null)).toBe('2026-07-15T16:00:00.000Z America/Los_Angeles');
    expect(feed.problems).toEqual([]);
  });

  it("reads them by the VTIMEZONE's own rules when it names no known zone", () => {
    const feed = parseFixture('floating-custom-vtimezone.ics', 'Europe/Berlin');
    expect(when(feed.events[0]?.start ?? null)).toBe('2026-01-15T03:30:00.000Z null');
  });

  it('lets X-WR-TIMEZONE win over the only VTIMEZONE', () => {
    const text = readFileSync(
      new URL('../../fixtures/ical/floating-sole-vtimezone.ics', import.meta.url),
      'utf8',
    );
    const withCalendarZone = text.replace('VERSION:2.0', 'VERSION:2.0\nX-WR-TIMEZONE:America/New_York');
    const feed = parseICalendar(withCalendarZone, YEAR_2026, { defaultTimeZone: 'Europe/Berlin' });
    expect(when(feed.events[0]?.start ?? null)).toBe('2026-01-15T14:00:00.000Z America/New_York');
  });

  it('falls back to the source default, then UTC, when the calendar has several VTIMEZONEs', () => {
    const text = readFileSync(
      new URL('../../fixtures/ical/floating-sole-vtimezone.ics', import.meta.url),
      'utf8',
    );
    const secondZone =
      'BEGIN:VTIMEZONE\nTZID:Tokyo Standard Time\nBEGIN:STANDARD\nDTSTART:16010101T000000\nTZOFFSETFROM:+0900\nTZOFFSETTO:+0900\nEND:STANDARD\nEND:VTIMEZONE\nBEGIN:VEVENT';
    const twoZones = text.replace('BEGIN:VEVENT', secondZone);
    const withDefault = parseICalendar(twoZones, YEAR_2026, { defaultTimeZone: 'Europe/Berlin' });
    expect(when(withDefault.events[0]?.start ?? null)).toBe('2026-01-15T08:00:00.000Z Europe/Berlin');
    const withoutDefault = parseICalendar(twoZones, YEAR_2026, { defaultTimeZone: null });
    expect(when(withoutDefault.events[0]?.start ?? null)).toBe('2026-01-15T09:00:00.000Z null');
  });
});
