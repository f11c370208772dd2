import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseICalendar } from '../../../shared/feeds/ical/parse-icalendar.ts';
import type { EventTime, RawFeed } from '../../../shared/feeds/raw-event.ts';

const YEAR_2026 = { fromMs: Date.parse('2026-01-01T00:00:00Z'), toMs: Date.parse('2027-01-01T00:00:00Z') };

function parseFixture(name: string): RawFeed {
  const text = readFileSync(new URL(`../../fixtures/ical/${name}`, import.meta.url), 'utf8');
  return parseICalendar(text, YEAR_2026, { defaultTimeZone: null });
}

function when(time: EventTime | null): string | null {
  if (time === null) return null;
  return time.kind === 'date' ? time.date : new Date(time.utcMs).toISOString();
}

/** [title, start, recurrence id] of each event with this UID, in output order. */
function eventsOf(feed: RawFeed, uid: string): [string | null, string | null, string | null][] {
  return feed.events
    .filter((event) => event.uid === uid)
    .map((event) => [event.title, when(event.start), event.recurrenceId]);
}

describe('parseICalendar revisions of one UID', () => {
  const feed = parseFixture('revisions.ics');

  it('keeps the copy with the highest SEQUENCE, wherever it is in the file', () => {
    expect(eventsOf(feed, 'revised-later-in-file')).toEqual([['New time', '2026-03-10T11:00:00.000Z', null]]);
    expect(eventsOf(feed, 'revised-earlier-in-file')).toEqual([
      ['New time', '2026-03-11T11:00:00.000Z', null],
    ]);
  });

  it('ends the series when the newer revision has no RRULE, its old overrides with it', () => {
    expect(eventsOf(feed, 'series-ended')).toEqual([['Now once', '2026-03-02T18:00:00.000Z', null]]);
    expect(when(feed.events.find((event) => event.uid === 'series-ended')?.end ?? null)).toBe(
      '2026-03-02T19:00:00.000Z',
    );
  });

  it('expands only the newer revision of a series, with its overrides in place', () => {
    expect(eventsOf(feed, 'series-revised')).toEqual([
      ['Tuesdays', '2026-04-07T18:00:00.000Z', '2026-04-07T18:00:00Z'],
      ['Tuesdays', '2026-04-14T18:00:00.000Z', '2026-04-14T18:00:00Z'],
      ['Tuesdays, the third one later', '2026-04-21T20:00:00.000Z', '2026-04-21T18:00:00Z'],
      ['Tuesdays', '2026-04-28T18:00:00.000Z', '2026-04-28T18:00:00Z'],
    ]);
  });

  it('takes the later LAST-MODIFIED, then the later DTSTAMP, when SEQUENCE is the same', () => {
    expect(eventsOf(feed, 'last-modified-decides')).toEqual([
      ['Modified in February', '2026-03-12T12:00:00.000Z', null],
    ]);
    expect(eventsOf(feed, 'dtstamp-decides')).toEqual([
      ['Stamped in February', '2026-03-13T15:00:00.000Z', null],
    ]);
  });

  it('keeps one of two identical copies without a problem', () => {
    expect(eventsOf(feed, 'exported-twice')).toEqual([
      ['The same copy twice', '2026-03-14T10:00:00.000Z', null],
    ]);
    expect(feed.problems.filter((problem) => problem.entry === 'exported-twice')).toEqual([]);
  });

  it('keeps the first of two copies nothing tells apart, and records the other start as a possibly lost event', () => {
    expect(eventsOf(feed, 'uid-reused')).toEqual([
      ['First event under this UID', '2026-03-15T10:00:00.000Z', null],
    ]);
    expect(feed.problems).toEqual([
      {
        entry: 'uid-reused',
        message:
          'VEVENT #18 repeats this UID, SEQUENCE and timestamps with another start; only the first is kept',
        severity: 'error',
      },
    ]);
  });
});
