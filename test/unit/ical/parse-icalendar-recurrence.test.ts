import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExpansionWindow } from '../../../shared/feeds/feed-event.ts';
import { parseICalendar } from '../../../shared/feeds/ical/parse-icalendar.ts';
import type { EventTime, RawFeed } from '../../../shared/feeds/raw-event.ts';

const YEAR_2026 = { fromMs: Date.parse('2026-01-01T00:00:00Z'), toMs: Date.parse('2027-01-01T00:00:00Z') };

function parseFixture(name: string, window: ExpansionWindow = YEAR_2026): RawFeed {
  const text = readFileSync(new URL(`../../fixtures/ical/${name}`, import.meta.url), 'utf8');
  return parseICalendar(text, window, { defaultTimeZone: null });
}

function when(time: EventTime | null): string | null {
  if (time === null) return null;
  return time.kind === 'date' ? time.date : `${new Date(time.utcMs).toISOString()} ${time.timeZone}`;
}

/** The recurrence ids of one series, in output order. */
function recurrenceIds(feed: RawFeed, uid: string): (string | null)[] {
  return feed.events.filter((event) => event.uid === uid).map((event) => event.recurrenceId);
}

function starts(feed: RawFeed, uid: string): (string | null)[] {
  return feed.events.filter((event) => event.uid === uid).map((event) => when(event.start));
}

describe('parseICalendar weekly rules across DST', () => {
  const feed = parseFixture('weekly-dst.ics');

  it('keeps a Berlin meeting at 09:00 local across both Berlin changes', () => {
    const berlin = starts(feed, 'weekly-berlin');
    expect(berlin).toHaveLength(40);
    expect(berlin.slice(0, 6)).toEqual([
      '2026-03-02T08:00:00.000Z Europe/Berlin',
      '2026-03-09T08:00:00.000Z Europe/Berlin',
      '2026-03-16T08:00:00.000Z Europe/Berlin',
      '2026-03-23T08:00:00.000Z Europe/Berlin',
      '2026-03-30T07:00:00.000Z Europe/Berlin',
      '2026-04-06T07:00:00.000Z Europe/Berlin',
    ]);
    expect(berlin.slice(32, 36)).toEqual([
      '2026-10-12T07:00:00.000Z Europe/Berlin',
      '2026-10-19T07:00:00.000Z Europe/Berlin',
      '2026-10-26T08:00:00.000Z Europe/Berlin',
      '2026-11-02T08:00:00.000Z Europe/Berlin',
    ]);
    expect(berlin[39]).toBe('2026-11-30T08:00:00.000Z Europe/Berlin');
  });

  it('keeps a New York meeting at 09:00 local, changing on its own (earlier, later) dates', () => {
    const newYork = starts(feed, 'weekly-new-york');
    expect(newYork).toHaveLength(40);
    expect(newYork.slice(0, 5)).toEqual([
      '2026-03-02T14:00:00.000Z America/New_York',
      '2026-03-09T13:00:00.000Z America/New_York',
      '2026-03-16T13:00:00.000Z America/New_York',
      '2026-03-23T13:00:00.000Z America/New_York',
      '2026-03-30T13:00:00.000Z America/New_York',
    ]);
    expect(newYork.slice(33, 36)).toEqual([
      '2026-10-19T13:00:00.000Z America/New_York',
      '2026-10-26T13:00:00.000Z America/New_York',
      '2026-11-02T14:00:00.000Z America/New_York',
    ]);
  });

  it('gives each occurrence its original UTC start as recurrence id and its own end', () => {
    const first = feed.events.find((event) => event.uid === 'weekly-berlin');
    expect(first?.recurrenceId).toBe('2026-03-02T08:00:00Z');
    expect(when(first?.end ?? null)).toBe('2026-03-02T09:00:00.000Z Europe/Berlin');
    const summer = feed.events.find((event) => event.recurrenceId === '2026-03-30T07:00:00Z');
    expect(when(summer?.end ?? null)).toBe('2026-03-30T08:00:00.000Z Europe/Berlin');
  });
});

describe('parseICalendar rule parts', () => {
  const feed = parseFixture('rules.ics', {
    fromMs: Date.parse('1997-01-01T00:00:00Z'),
    toMs: Date.parse('2029-01-01T00:00:00Z'),
  });

  it('expands BYDAY=-1FR to the last Friday of each month', () => {
    expect(recurrenceIds(feed, 'last-friday')).toEqual([
      '2026-01-30T17:00:00Z',
      '2026-02-27T17:00:00Z',
      '2026-03-27T17:00:00Z',
      '2026-04-24T16:00:00Z',
      '2026-05-29T16:00:00Z',
      '2026-06-26T16:00:00Z',
    ]);
  });

  it('expands a negative BYMONTHDAY to the last day of each month', () => {
    expect(recurrenceIds(feed, 'last-day-of-month')).toEqual([
      '2026-01-31T12:00:00Z',
      '2026-02-28T12:00:00Z',
      '2026-03-31T12:00:00Z',
      '2026-04-30T12:00:00Z',
    ]);
  });

  it('includes an occurrence exactly at UNTIL', () => {
    expect(recurrenceIds(feed, 'second-tuesday-until')).toEqual([
      '2026-01-13T23:30:00Z',
      '2026-02-10T23:30:00Z',
      '2026-03-10T22:30:00Z',
      '2026-04-14T22:30:00Z',
      '2026-05-12T22:30:00Z',
    ]);
  });

  it('stops at COUNT and at UNTIL', () => {
    expect(recurrenceIds(feed, 'daily-count')).toEqual(['2026-06-10', '2026-06-11', '2026-06-12']);
    expect(recurrenceIds(feed, 'weekly-until-before-third')).toEqual([
      '2026-01-05T09:00:00Z',
      '2026-01-12T09:00:00Z',
    ]);
    expect(recurrenceIds(feed, 'all-day-weekly-until-date')).toEqual([
      '2026-07-01',
      '2026-07-08',
      '2026-07-15',
    ]);
  });

  it('gives all-day occurrences date recurrence ids and one-day ends', () => {
    const firstDay = feed.events.find((event) => event.uid === 'daily-count');
    expect(firstDay?.start).toEqual({ kind: 'date', date: '2026-06-10' });
    expect(firstDay?.end).toEqual({ kind: 'date', date: '2026-06-11' });
  });

  it('honours WKST as in the RFC 5545 example', () => {
    expect(recurrenceIds(feed, 'rfc-wkst-mo')).toEqual([
      '1997-08-05T09:00:00Z',
      '1997-08-10T09:00:00Z',
      '1997-08-19T09:00:00Z',
      '1997-08-24T09:00:00Z',
    ]);
    expect(recurrenceIds(feed, 'rfc-wkst-su')).toEqual([
      '1997-08-05T09:00:00Z',
      '1997-08-17T09:00:00Z',
      '1997-08-19T09:00:00Z',
      '1997-08-31T09:00:00Z',
    ]);
  });

  it('expands rules beyond the common ones (yearly BYMONTH with an ordinal BYDAY)', () => {
    expect(recurrenceIds(feed, 'yearly-thanksgiving')).toEqual([
      '2026-11-26T17:00:00Z',
      '2027-11-25T17:00:00Z',
      '2028-11-23T17:00:00Z',
    ]);
    expect(feed.problems).toEqual([]);
  });
});

describe('parseICalendar EXDATE and RDATE', () => {
  it('removes EXDATE date-times, several per line and over several lines, in a zone or in UTC', () => {
    const feed = parseFixture('exdates.ics');
    expect(recurrenceIds(feed, 'weekly-with-exdates')).toEqual([
      '2026-01-05T08:00:00Z',
      '2026-01-19T08:00:00Z',
      '2026-02-09T08:00:00Z',
    ]);
  });

  it('removes a whole local day from a timed series with an all-day EXDATE', () => {
    const feed = parseFixture('exdates.ics');
    expect(recurrenceIds(feed, 'daily-with-date-exdate')).toEqual([
      '2026-01-06T09:00:00Z',
      '2026-01-08T09:00:00Z',
      '2026-01-09T09:00:00Z',
    ]);
  });

  it('removes EXDATE dates from an all-day series', () => {
    const feed = parseFixture('exdates.ics');
    expect(recurrenceIds(feed, 'all-day-with-exdates')).toEqual(['2026-08-01', '2026-08-03', '2026-08-05']);
  });

  it('adds RDATE date-times in their own zone or UTC, and periods with their own end', () => {
    const feed = parseFixture('rdates.ics');
    const series = feed.events.filter((event) => event.uid === 'rule-and-rdates');
    expect(series.map((event) => [event.recurrenceId, when(event.start), when(event.end)])).toEqual([
      [
        '2026-03-10T18:00:00Z',
        '2026-03-10T18:00:00.000Z Europe/Berlin',
        '2026-03-10T20:00:00.000Z Europe/Berlin',
      ],
      [
        '2026-03-17T18:00:00Z',
        '2026-03-17T18:00:00.000Z Europe/Berlin',
        '2026-03-17T20:00:00.000Z Europe/Berlin',
      ],
      [
        '2026-03-20T16:00:00Z',
        '2026-03-20T16:00:00.000Z America/New_York',
        '2026-03-20T18:00:00.000Z America/New_York',
      ],
      ['2026-03-25T17:00:00Z', '2026-03-25T17:00:00.000Z UTC', '2026-03-25T19:00:00.000Z UTC'],
      ['2026-04-01T16:00:00Z', '2026-04-01T16:00:00.000Z UTC', '2026-04-01T20:00:00.000Z UTC'],
      ['2026-04-08T16:00:00Z', '2026-04-08T16:00:00.000Z UTC', '2026-04-08T19:00:00.000Z UTC'],
    ]);
  });

  it('expands a series given by RDATE DATE values alone', () => {
    const feed = parseFixture('rdates.ics');
    expect(recurrenceIds(feed, 'all-day-rdates-only')).toEqual(['2026-08-25', '2026-09-01', '2026-09-15']);
  });
});

describe('parseICalendar expansion window', () => {
  it('returns the occurrences starting in [from, to): one exactly at `to` is left out', () => {
    const feed = parseFixture('weekly-dst.ics', {
      fromMs: Date.parse('2026-03-09T08:00:00Z'),
      toMs: Date.parse('2026-03-30T07:00:00Z'),
    });
    expect(recurrenceIds(feed, 'weekly-berlin')).toEqual([
      '2026-03-09T08:00:00Z',
      '2026-03-16T08:00:00Z',
      '2026-03-23T08:00:00Z',
    ]);
  });

  it('returns a single event whatever its date', () => {
    const feed = parseFixture('durations.ics', {
      fromMs: Date.parse('2030-01-01T00:00:00Z'),
      toMs: Date.parse('2030-02-01T00:00:00Z'),
    });
    expect(feed.events).toHaveLength(5);
  });
});

describe('parseICalendar hostile rules', () => {
  it('keeps the first 500 occurrences of a rule that would iterate forever, records it, and still expands a long honest one', () => {
    const feed = parseFixture('hostile.ics', {
      fromMs: Date.parse('2026-01-01T00:00:00Z'),
      toMs: Date.parse('2026-01-04T00:00:00Z'),
    });
    const everySecond = recurrenceIds(feed, 'every-second-since-1900');
    expect(everySecond).toHaveLength(500);
    expect([everySecond[0], everySecond[499]]).toEqual(['2026-01-01T00:00:00Z', '2026-01-01T00:08:19Z']);
    expect(recurrenceIds(feed, 'daily-since-1900')).toEqual([
      '2026-01-01T09:00:00Z',
      '2026-01-02T09:00:00Z',
      '2026-01-03T09:00:00Z',
    ]);
    expect(feed.problems).toEqual([
      {
        entry: 'every-second-since-1900',
        message: 'more than 500 occurrences in the horizon; only the first 500 are kept',
        severity: 'error',
      },
    ]);
  });
});
