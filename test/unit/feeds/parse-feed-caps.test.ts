import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../shared/feeds/parse-feed.ts';

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url));
const window = { fromMs: Date.UTC(2026, 0, 1), toMs: Date.UTC(2027, 0, 1) };

const capProblem = (max: number) => ({
  entry: null,
  message: `more than ${max} events; only the first ${max} are kept (TRELLIS_MAX_EVENTS_PER_SOURCE)`,
  severity: 'error',
});

describe('parseFeed event cap per source', () => {
  it('keeps the first events of a JSON Feed up to the cap, with one problem for the source', () => {
    const feed = parseFeed(fixture('feeds/json-feed-five-events.json'), { window, maxEvents: 3 });
    expect(feed.events.map((event) => event.title)).toEqual(['Talk 1', 'Talk 2', 'Talk 3']);
    expect(feed.problems).toEqual([capProblem(3)]);
  });

  it('lets a feed under the cap through untouched', () => {
    const feed = parseFeed(fixture('feeds/json-feed-five-events.json'), { window, maxEvents: 5 });
    expect(feed.events).toHaveLength(5);
    expect(feed.problems).toEqual([]);
  });

  it('caps iCalendar occurrences while reading, recording the cap once', () => {
    const feed = parseFeed(fixture('ical/recurrence-caps.ics'), { window, maxEvents: 20 });
    expect(feed.events).toHaveLength(20);
    expect(feed.events.map((event) => event.uid).slice(0, 3)).toEqual([
      'before-the-storm',
      'after-the-storm',
      'every-minute',
    ]);
    expect(feed.problems).toEqual([capProblem(20)]);
  });
});
