import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseICalendar } from '../../../shared/feeds/ical/parse-icalendar.ts';
import type { EventTime, RawEvent, RawFeed } from '../../../shared/feeds/raw-event.ts';

const YEAR_2026 = { fromMs: Date.parse('2026-01-01T00:00:00Z'), toMs: Date.parse('2027-01-01T00:00:00Z') };

function parseFixture(name: string, defaultTimeZone: string | null = null): RawFeed {
  const text = readFileSync(new URL(`../../fixtures/ical/${name}`, import.meta.url), 'utf8');
  return parseICalendar(text, YEAR_2026, { defaultTimeZone });
}

/** "2026-01-15T08:00:00.000Z Europe/Berlin", or the date of an all-day time. */
function when(time: EventTime | null): string | null {
  if (time === null) return null;
  return time.kind === 'date' ? time.date : `${new Date(time.utcMs).toISOString()} ${time.timeZone}`;
}

function byUid(feed: RawFeed, uid: string): RawEvent {
  const event = feed.events.find((candidate) => candidate.uid === uid);
  if (!event) throw new Error(`no event ${uid}`);
  return event;
}

describe('parseICalendar time zones', () => {
  const feed = parseFixture('time-zones.ics');
  const startOf = (uid: string): string | null => when(byUid(feed, uid).start);

  it('converts with a VTIMEZONE of the feed when its TZID is no IANA name, reporting no zone', () => {
    expect(startOf('custom-winter')).toBe('2026-01-15T08:00:00.000Z null');
    expect(when(byUid(feed, 'custom-winter').end)).toBe('2026-01-15T09:00:00.000Z null');
    expect(startOf('custom-summer')).toBe('2026-07-15T07:00:00.000Z null');
  });

  it('prefers the tz database over a VTIMEZONE for an IANA TZID', () => {
    expect(startOf('iana-beats-vtimezone')).toBe('2026-07-15T07:00:00.000Z Europe/Berlin');
  });

  it("uses a VTIMEZONE's X-LIC-LOCATION when it is an IANA name", () => {
    expect(startOf('lic-location')).toBe('2026-07-15T14:00:00.000Z America/Chicago');
  });

  it('resolves IANA names and links without a VTIMEZONE', () => {
    expect(startOf('iana-without-vtimezone')).toBe('2026-01-15T14:00:00.000Z America/New_York');
    expect(startOf('legacy-link')).toBe('2026-07-15T13:00:00.000Z America/New_York');
  });

  it('resolves Windows zone names and Outlook display names', () => {
    expect(startOf('windows-berlin')).toBe('2026-01-15T08:00:00.000Z Europe/Berlin');
    expect(startOf('windows-pacific')).toBe('2026-07-15T16:00:00.000Z America/Los_Angeles');
    expect(startOf('windows-india')).toBe('2026-01-15T03:30:00.000Z Asia/Kolkata');
    expect(startOf('windows-sydney')).toBe('2026-01-14T22:00:00.000Z Australia/Sydney');
    expect(startOf('outlook-display-name')).toBe('2026-07-15T07:00:00.000Z Europe/Berlin');
  });

  it('resolves prefixed and quoted TZIDs', () => {
    expect(startOf('mozilla-prefix')).toBe('2026-01-15T08:00:00.000Z Europe/Berlin');
    expect(startOf('citadel-prefix')).toBe('2026-07-15T13:00:00.000Z America/New_York');
    expect(startOf('quoted-iana')).toBe('2026-01-15T08:00:00.000Z Europe/Berlin');
  });

  it('reads Z times as UTC', () => {
    expect(startOf('utc-time')).toBe('2026-01-15T09:00:00.000Z UTC');
    expect(when(byUid(feed, 'utc-time').end)).toBe('2026-01-15T10:30:00.000Z UTC');
  });

  it('reads gap and overlap wall times per RFC 5545', () => {
    expect(startOf('spring-gap')).toBe('2026-03-29T01:30:00.000Z Europe/Berlin');
    expect(startOf('autumn-overlap')).toBe('2026-10-25T00:30:00.000Z Europe/Berlin');
  });

  it('records an unknown TZID as a problem and reads the time as floating', () => {
    expect(startOf('unknown-zone')).toBe('2026-01-15T09:00:00.000Z null');
    expect(when(byUid(feed, 'unknown-zone').end)).toBe('2026-01-15T10:00:00.000Z null');
    expect(feed.problems).toEqual([
      { entry: 'unknown-zone', message: "unknown time zone 'Mars/Olympus_Mons'", severity: 'warning' },
    ]);
    const withDefault = parseFixture('time-zones.ics', 'Europe/Berlin');
    expect(when(byUid(withDefault, 'unknown-zone').start)).toBe('2026-01-15T08:00:00.000Z Europe/Berlin');
  });

  it('returns every event of the fixture and the calendar name', () => {
    expect(feed.events).toHaveLength(18);
    expect(feed.title).toBe('Zone cases');
  });
});

describe('parseICalendar floating times', () => {
  it('reads floating times in X-WR-TIMEZONE', () => {
    const feed = parseFixture('floating-calendar-zone.ics', 'Europe/Berlin');
    const event = byUid(feed, 'floating-chicago');
    expect(when(event.start)).toBe('2026-01-15T15:00:00.000Z America/Chicago');
    expect(when(event.end)).toBe('2026-01-15T16:00:00.000Z America/Chicago');
  });

  it('reads an unknown TZID in X-WR-TIMEZONE too, with a problem', () => {
    const feed = parseFixture('floating-calendar-zone.ics');
    expect(when(byUid(feed, 'unknown-zone-falls-back').start)).toBe(
      '2026-07-15T14:00:00.000Z America/Chicago',
    );
    expect(feed.problems).toEqual([
      {
        entry: 'unknown-zone-falls-back',
        message: "unknown time zone 'Nowhere/Special'",
        severity: 'warning',
      },
    ]);
  });

  it("reads floating times in the source's default zone when the calendar names none", () => {
    const feed = parseFixture('floating-no-zone.ics', 'Europe/Berlin');
    expect(when(byUid(feed, 'floating-plain').start)).toBe('2026-07-15T07:00:00.000Z Europe/Berlin');
  });

  it('reads floating times as UTC without reporting a zone when there is no zone at all', () => {
    const feed = parseFixture('floating-no-zone.ics');
    expect(when(byUid(feed, 'floating-plain').start)).toBe('2026-07-15T09:00:00.000Z null');
    expect(when(byUid(feed, 'floating-plain').end)).toBe('2026-07-15T10:00:00.000Z null');
    expect(feed.problems).toEqual([]);
  });

  it('records an unknown default zone as a feed problem', () => {
    const feed = parseFixture('floating-no-zone.ics', 'Not/A_Zone');
    expect(when(byUid(feed, 'floating-plain').start)).toBe('2026-07-15T09:00:00.000Z null');
    expect(feed.problems).toEqual([
      { entry: null, message: "unknown default time zone 'Not/A_Zone'", severity: 'warning' },
    ]);
  });
});
