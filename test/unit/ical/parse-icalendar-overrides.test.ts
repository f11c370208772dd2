import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExpansionWindow } from '../../../shared/feeds/feed-event.ts';
import { parseICalendar } from '../../../shared/feeds/ical/parse-icalendar.ts';
import type { EventTime, RawFeed } from '../../../shared/feeds/raw-event.ts';

const APRIL = { fromMs: Date.parse('2026-04-01T00:00:00Z'), toMs: Date.parse('2026-05-01T00:00:00Z') };
const MAY = { fromMs: Date.parse('2026-05-01T00:00:00Z'), toMs: Date.parse('2026-06-01T00:00:00Z') };

function parseOverrides(window: ExpansionWindow): RawFeed {
  const text = readFileSync(new URL('../../fixtures/ical/overrides.ics', import.meta.url), 'utf8');
  return parseICalendar(text, window, { defaultTimeZone: null });
}

function when(time: EventTime | null): string | null {
  if (time === null) return null;
  return time.kind === 'date' ? time.date : `${new Date(time.utcMs).toISOString()} ${time.timeZone}`;
}

function series(feed: RawFeed): [string | null, string | null, string | null, string | null][] {
  return feed.events
    .filter((event) => event.uid === 'wednesday-meetup')
    .map((event) => [event.recurrenceId, when(event.start), event.title, event.status]);
}

describe('parseICalendar RECURRENCE-ID overrides', () => {
  it('replaces, moves, cancels and adds occurrences, each keeping its original start as id', () => {
    expect(series(parseOverrides(APRIL))).toEqual([
      ['2026-04-01T16:00:00Z', '2026-04-01T16:00:00.000Z Europe/Berlin', 'Wednesday meetup', null],
      // An override naming no generated occurrence is still an occurrence.
      ['2026-04-02T16:00:00Z', '2026-04-02T16:00:00.000Z Europe/Berlin', 'Extra Thursday', null],
      // Of two overrides of one occurrence the higher SEQUENCE wins, wherever it stands in the feed.
      ['2026-04-08T16:00:00Z', '2026-04-08T16:30:00.000Z Europe/Berlin', 'Newer change', null],
      ['2026-04-15T16:00:00Z', '2026-04-16T17:00:00.000Z Europe/Berlin', 'Moved to Thursday', null],
      ['2026-04-29T16:00:00Z', '2026-04-29T16:00:00.000Z Europe/Berlin', 'Wednesday meetup', 'cancelled'],
      // Moved from May 6 into April.
      ['2026-05-06T16:00:00Z', '2026-04-30T16:00:00.000Z Europe/Berlin', 'Moved into April', null],
    ]);
  });

  it('leaves out an occurrence an override moved out of the window, and finds it in its new one', () => {
    expect(series(parseOverrides(MAY))).toEqual([
      ['2026-04-22T16:00:00Z', '2026-05-05T16:00:00.000Z Europe/Berlin', 'Moved into May', null],
      ['2026-05-13T16:00:00Z', '2026-05-13T16:00:00.000Z Europe/Berlin', 'Wednesday meetup', null],
      ['2026-05-20T16:00:00Z', '2026-05-20T16:00:00.000Z Europe/Berlin', 'Wednesday meetup', null],
      ['2026-05-27T16:00:00Z', '2026-05-27T16:00:00.000Z Europe/Berlin', 'Wednesday meetup', null],
    ]);
  });

  it("uses the override's own end, else the series' duration, and the series' fields it leaves out", () => {
    const april = parseOverrides(APRIL).events;
    const moved = april.find((event) => event.recurrenceId === '2026-04-15T16:00:00Z');
    expect(when(moved?.end ?? null)).toBe('2026-04-16T19:00:00.000Z Europe/Berlin');
    expect(moved?.locationText).toBe('Community Hall');
    const newer = april.find((event) => event.recurrenceId === '2026-04-08T16:00:00Z');
    expect(when(newer?.end ?? null)).toBe('2026-04-08T18:30:00.000Z Europe/Berlin');
  });

  it('returns an override whose series is not in the feed, whatever its date', () => {
    for (const window of [APRIL, MAY]) {
      const orphan = parseOverrides(window).events.filter((event) => event.uid === 'series-not-in-feed');
      expect(orphan.map((event) => [event.recurrenceId, when(event.start), when(event.end)])).toEqual([
        ['2026-06-10T10:00:00Z', '2026-06-10T12:00:00.000Z UTC', '2026-06-10T13:00:00.000Z UTC'],
      ]);
    }
  });

  it('gives the same recurrence ids on every parse, whatever the window', () => {
    const wide = { fromMs: APRIL.fromMs, toMs: MAY.toMs };
    const first = parseOverrides(wide).events.map((event) => `${event.uid} ${event.recurrenceId}`);
    const second = parseOverrides(wide).events.map((event) => `${event.uid} ${event.recurrenceId}`);
    expect(second).toEqual(first);
    const split = [...parseOverrides(APRIL).events, ...parseOverrides(MAY).events]
      .filter((event) => event.uid === 'wednesday-meetup')
      .map((event) => `${event.uid} ${event.recurrenceId}`);
    expect(split.toSorted()).toEqual(first.filter((id) => id.startsWith('wednesday-meetup')).toSorted());
    expect(first.filter((id) => id.startsWith('wednesday-meetup'))).toHaveLength(10);
  });
});
