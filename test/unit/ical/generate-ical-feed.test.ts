import { describe, expect, it } from 'vitest';
import { parseICalendar } from '../../../shared/feeds/ical/parse-icalendar.ts';
import { generateICalFeed } from '../../bench/generate-ical-feed.ts';

const START = new Date('2026-03-01T00:00:00Z');
const WINDOW = { fromMs: START.getTime(), toMs: START.getTime() + 120 * 86_400_000 };

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

describe('generateICalFeed (benchmark feed)', () => {
  const text = generateICalFeed({ events: 2_000, seed: 42, start: START });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateICalFeed({ events: 2_000, seed: 42, start: START })).toBe(text);
    expect(generateICalFeed({ events: 2_000, seed: 43, start: START })).not.toBe(text);
  });

  it('writes the requested number of VEVENTs in the documented mix', () => {
    const vevents = count(text, /^BEGIN:VEVENT\r$/gm);
    expect(vevents).toBe(2_000);
    const share = (pattern: RegExp): number => count(text, pattern) / vevents;
    // Series masters carry an RRULE, their overrides a RECURRENCE-ID.
    expect(share(/^RRULE:FREQ=(WEEKLY|MONTHLY)/gm)).toBeGreaterThan(0.04);
    expect(share(/^RECURRENCE-ID/gm)).toBeGreaterThan(0.01);
    expect(share(/^EXDATE/gm)).toBeGreaterThan(0.005);
    expect(share(/^DTSTART;TZID=(Europe|America|Asia|Australia)\//gm)).toBeGreaterThan(0.5);
    expect(share(/^DTSTART;TZID=Customized Time Zone/gm)).toBeGreaterThan(0.05);
    expect(share(/^DTSTART;TZID="[^"]+ Standard Time"/gm)).toBeGreaterThan(0.02);
    expect(share(/^DTSTART:\d{8}T\d{6}Z\r$/gm)).toBeGreaterThan(0.05);
    expect(share(/^DTSTART;VALUE=DATE:/gm)).toBeGreaterThan(0.02);
    expect(share(/^DURATION:/gm)).toBeGreaterThan(0.05);
    expect(count(text, /^BEGIN:VTIMEZONE\r$/gm)).toBe(4);
    expect(count(text, /^ /gm)).toBeGreaterThan(vevents);
  });

  it('parses without problems into events that start within the 120 days (give or take a zone offset)', () => {
    const feed = parseICalendar(text, WINDOW, { defaultTimeZone: null });
    expect(feed.problems).toEqual([]);
    expect(feed.title).toBe('Benchmark events');
    expect(feed.events.length).toBeGreaterThan(2_000);
    const startMs = (event: (typeof feed.events)[number]): number =>
      event.start.kind === 'instant' ? event.start.utcMs : Date.parse(event.start.date);
    const outside = feed.events.filter(
      (event) =>
        event.recurrenceId === null &&
        (startMs(event) < WINDOW.fromMs - 86_400_000 || startMs(event) > WINDOW.toMs + 86_400_000),
    );
    expect(outside).toEqual([]);
  });
});
