import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FeedParseError } from '../../../shared/feeds/feed-errors.ts';
import { parseICalendar } from '../../../shared/feeds/ical/parse-icalendar.ts';
import type { RawFeed } from '../../../shared/feeds/raw-event.ts';

const YEAR_2026 = { fromMs: Date.parse('2026-01-01T00:00:00Z'), toMs: Date.parse('2027-01-01T00:00:00Z') };
const OPTIONS = { defaultTimeZone: null };

function fixtureText(name: string): string {
  return readFileSync(new URL(`../../fixtures/ical/${name}`, import.meta.url), 'utf8');
}

function parseFixture(name: string): RawFeed {
  return parseICalendar(fixtureText(name), YEAR_2026, OPTIONS);
}

describe('parseICalendar with malformed input', () => {
  it('reads the three good VEVENTs around a broken one and records what was wrong with it', () => {
    const feed = parseFixture('malformed-one-broken.ics');
    expect(feed.events.map((event) => [event.uid, event.title])).toEqual([
      ['fine-1@example.org', 'First fine event'],
      ['fine-2@example.org', 'Second fine event'],
      ['fine-3@example.org', 'Third fine event'],
    ]);
    expect(feed.problems).toEqual([
      {
        entry: 'broken@example.org',
        message: `line 12: unreadable line 'THIS LINE HAS NO COLON' dropped (invalid line (no token ";" or ":"))`,
        severity: 'warning',
      },
      { entry: 'broken@example.org', message: "unreadable DTSTART '20261345T090000'", severity: 'error' },
    ]);
  });

  it('survives a missing END:VEVENT, an invalid RRULE, a missing DTSTART and a bad DTEND', () => {
    const feed = parseFixture('malformed-mixed.ics');
    expect(feed.events.map((event) => [event.uid, event.recurrenceId, event.start, event.end])).toEqual([
      [
        'missing-end@example.org',
        null,
        { kind: 'instant', utcMs: Date.parse('2026-04-01T18:00:00Z'), timeZone: 'UTC' },
        null,
      ],
      [
        'after-missing-end@example.org',
        null,
        { kind: 'instant', utcMs: Date.parse('2026-04-02T18:00:00Z'), timeZone: 'UTC' },
        null,
      ],
      // An invalid RRULE leaves the first occurrence, as a single event.
      [
        'invalid-rule@example.org',
        null,
        { kind: 'instant', utcMs: Date.parse('2026-04-03T18:00:00Z'), timeZone: 'UTC' },
        null,
      ],
      [null, null, { kind: 'instant', utcMs: Date.parse('2026-04-04T18:00:00Z'), timeZone: 'UTC' }, null],
    ]);
    expect(feed.problems).toEqual([
      { entry: 'missing-end@example.org', message: 'missing END:VEVENT', severity: 'warning' },
      {
        entry: 'invalid-rule@example.org',
        message:
          'invalid RRULE \'FREQ=FORTNIGHTLY;COUNT=3\' (invalid frequency "FORTNIGHTLY" expected: ' +
          '"SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY"); only the first occurrence is kept',
        severity: 'error',
      },
      { entry: 'no-start@example.org', message: 'VEVENT without DTSTART', severity: 'error' },
      { entry: '#5', message: "unreadable DTEND '2026'", severity: 'warning' },
    ]);
  });

  it('throws FeedParseError for text that is not iCalendar', () => {
    const notCalendars = [
      '<!doctype html><html><body>Events coming soon</body></html>',
      '',
      'BEGIN:VCARD\nVERSION:4.0\nFN:Jane Doe\nEND:VCARD\n',
      '{"version":"https://jsonfeed.org/version/1.1","items":[]}',
    ];
    for (const text of notCalendars) {
      expect(() => parseICalendar(text, YEAR_2026, OPTIONS)).toThrow(FeedParseError);
    }
    expect(() => parseICalendar(notCalendars[0] as string, YEAR_2026, OPTIONS)).toThrow(
      'not an iCalendar document: no BEGIN:VCALENDAR line',
    );
  });

  it('throws FeedParseError when none of the VEVENTs can be read', () => {
    expect(() => parseFixture('all-broken.ics')).toThrow(
      new FeedParseError('none of the 2 VEVENTs could be read (first problem: VEVENT without DTSTART)'),
    );
  });

  it('returns an empty feed for a calendar without events', () => {
    const empty = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nNAME:Nothing planned\r\nEND:VCALENDAR\r\n';
    expect(parseICalendar(empty, YEAR_2026, OPTIONS)).toEqual({
      title: 'Nothing planned',
      events: [],
      problems: [],
    });
  });

  it('reads a calendar whose last line has no line end and whose END:VCALENDAR is missing', () => {
    const text = 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20260105T100000Z\nEND:VEVENT';
    const feed = parseICalendar(text, YEAR_2026, OPTIONS);
    expect(feed.events.map((event) => event.uid)).toEqual(['x']);
    expect(feed.problems).toEqual([{ entry: null, message: 'missing END:VCALENDAR', severity: 'warning' }]);
  });

  it('records a broken line outside the events with its line number in the feed', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'UID:a',
      'DTSTART:20260105T100000Z',
      'END:VEVENT',
      'BROKEN HEADER LINE',
      'BEGIN:VEVENT',
      'UID:b',
      'DTSTART:20260106T100000Z',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const feed = parseICalendar(text, YEAR_2026, OPTIONS);
    expect(feed.events.map((event) => event.uid)).toEqual(['a', 'b']);
    expect(feed.problems).toEqual([
      {
        entry: null,
        message: `line 7: unreadable line 'BROKEN HEADER LINE' dropped (invalid line (no token ";" or ":"))`,
        severity: 'warning',
      },
    ]);
  });

  it('reads every VCALENDAR of a text that holds several, with the zones of each', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'X-WR-CALNAME:First',
      'X-WR-TIMEZONE:Europe/Berlin',
      'BEGIN:VEVENT',
      'UID:in-first',
      'DTSTART:20260105T100000',
      'END:VEVENT',
      'END:VCALENDAR',
      'BEGIN:VCALENDAR',
      'X-WR-CALNAME:Second',
      'X-WR-TIMEZONE:America/New_York',
      'BEGIN:VEVENT',
      'UID:in-second',
      'DTSTART:20260105T100000',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\n');
    const feed = parseICalendar(text, YEAR_2026, OPTIONS);
    expect(feed.title).toBe('First');
    expect(feed.events.map((event) => [event.uid, event.start])).toEqual([
      ['in-first', { kind: 'instant', utcMs: Date.parse('2026-01-05T09:00:00Z'), timeZone: 'Europe/Berlin' }],
      [
        'in-second',
        { kind: 'instant', utcMs: Date.parse('2026-01-05T15:00:00Z'), timeZone: 'America/New_York' },
      ],
    ]);
  });
});
