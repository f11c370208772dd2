import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseICalendar } from '../../../shared/feeds/ical/parse-icalendar.ts';
import type { EventTime, RawEvent, RawFeed } from '../../../shared/feeds/raw-event.ts';

const YEAR_2026 = { fromMs: Date.parse('2026-01-01T00:00:00Z'), toMs: Date.parse('2027-01-01T00:00:00Z') };

function fixtureText(name: string): string {
  return readFileSync(new URL(`../../fixtures/ical/${name}`, import.meta.url), 'utf8');
}

function parseFixture(name: string): RawFeed {
  return parseICalendar(fixtureText(name), YEAR_2026, { defaultTimeZone: null });
}

function when(time: EventTime | null): string | null {
  if (time === null) return null;
  return time.kind === 'date' ? time.date : `${new Date(time.utcMs).toISOString()} ${time.timeZone}`;
}

function byUid(feed: RawFeed, uid: string | null): RawEvent {
  const event = feed.events.find((candidate) => candidate.uid === uid);
  if (!event) throw new Error(`no event ${uid}`);
  return event;
}

describe('parseICalendar event fields', () => {
  const feed = parseFixture('fields.ics');

  it('reads every text field, unfolded and unescaped', () => {
    expect(byUid(feed, 'full-event@example.org')).toEqual({
      uid: 'full-event@example.org',
      recurrenceId: null,
      title: 'Mentoring evening; open to all',
      description:
        'First line\nSecond line with a comma, a semicolon; and a backslash \\ in it.\n' +
        'Third line is folded across two physical lines and keeps its spaces.',
      descriptionFormat: 'text',
      start: { kind: 'instant', utcMs: Date.parse('2026-01-15T18:00:00Z'), timeZone: 'UTC' },
      end: { kind: 'instant', utcMs: Date.parse('2026-01-15T20:00:00Z'), timeZone: 'UTC' },
      status: 'confirmed',
      online: null,
      joinUrl: null,
      locationText: 'Community Hall, Main Street 1, Berlin',
      place: null,
      organizer: 'Jane Doe',
      people: [{ name: 'Jane Doe', role: 'organizer' }],
      url: 'https://events.example.org/mentoring',
      categories: ['Mentoring', 'Career', 'Networking', 'Tech'],
    });
  });

  it('reads the calendar name from X-WR-CALNAME, unescaped', () => {
    expect(feed.title).toBe('Community events, Berlin');
  });

  it('maps STATUS values and drops unknown ones', () => {
    expect(byUid(feed, 'tentative@example.org').status).toBe('tentative');
    expect(byUid(feed, 'cancelled@example.org').status).toBe('cancelled');
    expect(byUid(feed, 'odd-status@example.org').status).toBeNull();
  });

  it('uses the organizer address without mailto: when there is no CN', () => {
    expect(byUid(feed, 'tentative@example.org').organizer).toBe('organizer@example.org');
  });

  it('marks events with a conference link as online', () => {
    expect(byUid(feed, 'conference@example.org')).toMatchObject({
      online: true,
      joinUrl: 'https://video.example.org/room/42',
    });
    expect(byUid(feed, 'google-meet@example.org')).toMatchObject({
      online: true,
      joinUrl: 'https://meet.google.com/abc-defg-hij',
    });
    expect(byUid(feed, 'teams@example.org')).toMatchObject({
      online: true,
      joinUrl: 'https://teams.microsoft.com/l/meetup-join/123',
    });
    expect(byUid(feed, 'teams-external@example.org')).toMatchObject({
      online: true,
      joinUrl: 'https://teams.example.org/join/456',
    });
  });

  it('uses X-ALT-DESC as HTML when there is no DESCRIPTION', () => {
    expect(byUid(feed, 'html-only@example.org')).toMatchObject({
      description: '<p>Talk, then <b>drinks</b></p>',
      descriptionFormat: 'html',
    });
  });

  it('accepts lower-case property names', () => {
    const event = byUid(feed, 'lowercase@example.org');
    expect(event.title).toBe('Lower-case property names');
    expect(when(event.start)).toBe('2026-01-24T17:00:00.000Z Europe/Berlin');
  });

  it('keeps an event without UID', () => {
    expect(byUid(feed, null).title).toBe('No UID at all');
    expect(feed.events).toHaveLength(11);
    expect(feed.problems).toEqual([]);
  });

  it('reads the same events with bare LF line ends and without the BOM', () => {
    const crlf = fixtureText('fields.ics');
    expect(crlf.charCodeAt(0)).toBe(0xfeff);
    const lf = crlf.slice(1).replace(/\r\n/g, '\n');
    expect(parseICalendar(lf, YEAR_2026, { defaultTimeZone: null })).toEqual(feed);
  });
});

describe('parseICalendar all-day events', () => {
  const feed = parseFixture('all-day.ics');
  const span = (uid: string): [string | null, string | null] => {
    const event = byUid(feed, uid);
    return [when(event.start), when(event.end)];
  };

  it('reads DATE values, with an exclusive DTEND', () => {
    expect(span('one-day-with-end')).toEqual(['2026-03-20', '2026-03-21']);
    expect(span('three-days')).toEqual(['2026-12-30', '2027-01-02']);
  });

  it('ends a day later when there is no DTEND', () => {
    expect(span('one-day-without-end')).toEqual(['2026-02-28', '2026-03-01']);
    expect(span('date-without-value-parameter')).toEqual(['2026-05-01', '2026-05-02']);
  });

  it('adds a DURATION in days', () => {
    expect(span('two-days-by-duration')).toEqual(['2026-04-30', '2026-05-02']);
  });
});

describe('parseICalendar durations', () => {
  const feed = parseFixture('durations.ics');
  const span = (uid: string): [string | null, string | null] => {
    const event = byUid(feed, uid);
    return [when(event.start), when(event.end)];
  };

  it('adds hours and minutes in absolute time', () => {
    expect(span('ninety-minutes')).toEqual([
      '2026-01-15T08:00:00.000Z Europe/Berlin',
      '2026-01-15T09:30:00.000Z Europe/Berlin',
    ]);
    expect(span('exact-day-across-spring')).toEqual([
      '2026-03-28T09:00:00.000Z Europe/Berlin',
      '2026-03-29T09:00:00.000Z Europe/Berlin',
    ]);
  });

  it('adds days and weeks in wall-clock time, across the DST changes', () => {
    expect(span('nominal-day-across-spring')).toEqual([
      '2026-03-28T09:00:00.000Z Europe/Berlin',
      '2026-03-29T08:00:00.000Z Europe/Berlin',
    ]);
    expect(span('week-across-autumn')).toEqual([
      '2026-10-20T08:00:00.000Z Europe/Berlin',
      '2026-10-27T09:00:00.000Z Europe/Berlin',
    ]);
  });

  it('leaves the end of a timed event without DTEND or DURATION empty', () => {
    expect(span('no-end')).toEqual(['2026-01-15T08:00:00.000Z Europe/Berlin', null]);
  });
});

describe('parseICalendar durations with months, years or no length', () => {
  const feed = parseFixture('durations-calendar-units.ics');
  const spans = (uid: string) =>
    feed.events.filter((event) => event.uid === uid).map((event) => [when(event.start), when(event.end)]);

  it('ignores a DURATION with months or years, as if the event had no end, and records it', () => {
    expect(spans('one-month')).toEqual([['2026-01-15T08:00:00.000Z Europe/Berlin', null]]);
    expect(spans('one-year')).toEqual([['2026-01-15T08:00:00.000Z Europe/Berlin', null]]);
    expect(spans('month-and-days')).toEqual([['2026-01-15T08:00:00.000Z Europe/Berlin', null]]);
    expect(spans('all-day-month')).toEqual([['2026-01-15', '2026-01-16']]);
    expect(spans('weekly-month')).toEqual([
      ['2026-01-15T08:00:00.000Z Europe/Berlin', null],
      ['2026-01-22T08:00:00.000Z Europe/Berlin', null],
    ]);
    const ignored = (uid: string, written: string) => ({
      entry: uid,
      message: `DURATION '${written}' counts months or years, which iCalendar durations cannot; end ignored`,
      severity: 'warning',
    });
    expect(feed.problems).toEqual([
      ignored('one-month', 'P1M'),
      ignored('one-year', 'P1Y'),
      ignored('month-and-days', 'P1M2D'),
      ignored('all-day-month', 'P1M'),
      ignored('weekly-month', 'P1M'),
    ]);
  });

  it('still reads minutes after the T', () => {
    expect(spans('minutes-still-minutes')).toEqual([
      ['2026-01-15T08:00:00.000Z Europe/Berlin', '2026-01-15T08:01:00.000Z Europe/Berlin'],
    ]);
  });

  it('ends a zero-length event at its start', () => {
    const atStart = [['2026-01-15T08:00:00.000Z Europe/Berlin', '2026-01-15T08:00:00.000Z Europe/Berlin']];
    expect(spans('zero-seconds')).toEqual(atStart);
    expect(spans('zero-days')).toEqual(atStart);
  });
});
