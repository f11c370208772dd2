import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarZones, UTC_ZONE } from '../../../shared/feeds/ical/calendar-zones.ts';
import type { ZonedValue } from '../../../shared/feeds/ical/event-times.ts';
import { expandSeries, prepareRule } from '../../../shared/feeds/ical/expand-series.ts';
import { parseICalendar } from '../../../shared/feeds/ical/parse-icalendar.ts';
import type { ProblemNote } from '../../../shared/feeds/ical/problem-notes.ts';
import type { EventBudget } from '../../../shared/feeds/ical/reading.ts';
import type { RawFeed } from '../../../shared/feeds/raw-event.ts';

const YEAR_2026 = { fromMs: Date.parse('2026-01-01T00:00:00Z'), toMs: Date.parse('2027-01-01T00:00:00Z') };
const text = readFileSync(new URL('../../fixtures/ical/recurrence-caps.ics', import.meta.url), 'utf8');

function parse(maxEvents?: number): RawFeed {
  return parseICalendar(text, YEAR_2026, { defaultTimeZone: null, ...(maxEvents ? { maxEvents } : {}) });
}

/** How many events each UID yielded, in the order of the feed. */
function countsByUid(feed: RawFeed): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const event of feed.events) counts[event.uid ?? '?'] = (counts[event.uid ?? '?'] ?? 0) + 1;
  return counts;
}

const seriesCap = (entry: string) => ({
  entry,
  message: 'more than 500 occurrences in the horizon; only the first 500 are kept',
  severity: 'error',
});

describe('parseICalendar caps on recurrences', () => {
  it('stops every exploding rule at the series cap, records each, and keeps the good entries', () => {
    const feed = parse();
    expect(countsByUid(feed)).toEqual({
      'before-the-storm': 1,
      'every-minute': 500,
      'weekly-honest': 10,
      'every-second-a-billion-times': 500,
      'every-second-since-2020': 500,
      'every-minute-of-nine': 500,
      'after-the-storm': 1,
    });
    expect(feed.problems).toEqual([
      seriesCap('every-minute'),
      seriesCap('every-second-a-billion-times'),
      seriesCap('every-second-since-2020'),
      seriesCap('every-minute-of-nine'),
    ]);
  });

  it('keeps the first occurrences in the horizon', () => {
    const ids = (uid: string) =>
      parse()
        .events.filter((event) => event.uid === uid)
        .map((e) => e.recurrenceId);
    const everyMinute = ids('every-minute');
    expect([everyMinute[0], everyMinute[499]]).toEqual(['2026-01-01T00:00:00Z', '2026-01-01T08:19:00Z']);
    // Counted from 2020, but only the ones in the horizon are stepped through.
    const since2020 = ids('every-second-since-2020');
    expect([since2020[0], since2020[499]]).toEqual(['2026-01-01T00:00:00Z', '2026-01-01T00:08:19Z']);
    const nine = ids('every-minute-of-nine');
    expect([nine[0], nine[60], nine[499]]).toEqual([
      '2026-01-01T09:00:00Z',
      '2026-01-02T09:00:00Z',
      '2026-01-09T09:19:00Z',
    ]);
  });

  it('stops the whole feed at the per-source cap, single events first, then series in feed order, with one problem for the source', () => {
    const feed = parse(600);
    expect(feed.events).toHaveLength(600);
    expect(countsByUid(feed)).toEqual({
      'before-the-storm': 1,
      'after-the-storm': 1,
      'every-minute': 500,
      'weekly-honest': 10,
      'every-second-a-billion-times': 88,
    });
    expect(feed.problems).toEqual([
      seriesCap('every-minute'),
      {
        entry: null,
        message: 'more than 600 events; only the first 600 are kept (TRELLIS_MAX_EVENTS_PER_SOURCE)',
        severity: 'error',
      },
    ]);
  });

  it('counts single events against the per-source cap too', () => {
    const feed = parse(1);
    expect(feed.events.map((event) => event.uid)).toEqual(['before-the-storm']);
    expect(feed.problems.map((problem) => problem.entry)).toEqual([null]);
  });
});

describe('expandSeries iteration budget', () => {
  const start: ZonedValue = { isDate: false, localMs: Date.parse('2026-01-01T09:00:00Z'), zone: UTC_ZONE };
  const zones = calendarZones(new Map(), null, null);

  function expand(rule: string, budget: EventBudget, problems: ProblemNote[]) {
    const rrule = ICAL.Recur.fromString(rule).toJSON() as Record<string, unknown>;
    const prepared = prepareRule(rrule, start, YEAR_2026, budget, problems);
    const input = {
      start,
      startMs: start.localMs,
      rule: prepared,
      rdates: [],
      exdates: [],
      overriddenKeys: new Set<number>(),
      limit: 500,
    };
    return expandSeries(input, zones, YEAR_2026, problems).occurrences.length;
  }

  it("stops the rules ical.js expands once the feed's iterations are used up, series after series", () => {
    const budget: EventBudget = { remaining: Number.POSITIVE_INFINITY, exceeded: false, ruleIterations: 200 };
    const problems: ProblemNote[] = [];
    const first = expand('FREQ=MINUTELY;BYHOUR=9', budget, problems);
    const second = expand('FREQ=DAILY;BYHOUR=9,18', budget, problems);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(200);
    expect(second).toBe(1); // DTSTART alone
    const stopped = (rule: string) => ({
      message: `recurrence rule '${rule}' stopped: the feed used up its 1000000 iterations for uncommon rules`,
      severity: 'error',
    });
    expect(problems).toEqual([stopped('FREQ=MINUTELY;BYHOUR=9'), stopped('FREQ=DAILY;BYHOUR=9,18')]);
  });
});
