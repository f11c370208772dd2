import { readdirSync, readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { JCalProperty } from '../../../shared/feeds/ical/jcal.ts';
import { PROPERTIES_READ } from '../../../shared/feeds/ical/read-vevent.ts';
import { readVEventBlock } from '../../../shared/feeds/ical/read-vevent-block.ts';
import { splitICalendar } from '../../../shared/feeds/ical/split-icalendar.ts';
import { generateICalFeed } from '../../bench/generate-ical-feed.ts';

const fixtures = new URL('../../fixtures/ical/', import.meta.url);

function block(lines: string[]) {
  return { text: lines.join('\r\n'), firstLine: 10, calendar: 0 };
}

describe('readVEventBlock', () => {
  it('gives the same properties as ICAL.parse for every VEVENT of the fixtures and the bench feed', () => {
    const texts = readdirSync(fixtures)
      .filter((name) => name.endsWith('.ics'))
      .map((name) => readFileSync(new URL(name, fixtures), 'utf8'));
    texts.push(generateICalFeed({ events: 500, seed: 3, start: new Date('2026-03-01T00:00:00Z') }));
    let compared = 0;
    for (const text of texts) {
      for (const vevent of splitICalendar(text.replace(/^\uFEFF/, '')).vevents) {
        let expected: JCalProperty[];
        try {
          expected = (ICAL.parse(vevent.text)[1] as JCalProperty[]).filter((property) =>
            PROPERTIES_READ.has(property[0].toUpperCase()),
          );
        } catch {
          continue; // malformed on purpose: covered by the parse-icalendar tests
        }
        expect(readVEventBlock(vevent).vevents[0]?.[1]).toEqual(expected);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(550);
  });

  it('skips alarms and properties no RawEvent field needs', () => {
    const { vevents, lineProblems } = readVEventBlock(
      block([
        'BEGIN:VEVENT',
        'UID:alarm',
        'DTSTAMP:20260101T000000Z',
        'ATTENDEE;CN=Someone;ROLE=REQ-PARTICIPANT:mailto:someone@example.org',
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        'DESCRIPTION:Reminder',
        'TRIGGER:-PT15M',
        'END:VALARM',
        'SUMMARY:With an alarm',
        'END:VEVENT',
      ]),
    );
    expect(vevents).toEqual([
      [
        'vevent',
        [
          ['uid', {}, 'text', 'alarm'],
          ['summary', {}, 'text', 'With an alarm'],
        ],
        [],
      ],
    ]);
    expect(lineProblems.size).toBe(0);
  });

  it('reports an unreadable line with its line number in the feed, and a missing END', () => {
    const { vevents, lineProblems } = readVEventBlock(
      block(['BEGIN:VEVENT', 'UID:x', 'DTSTART;TZID="Europe/Berlin:20260101T090000', 'SUMMARY:Still read']),
    );
    const [vevent] = vevents;
    expect(vevent?.[1]).toEqual([
      ['uid', {}, 'text', 'x'],
      ['summary', {}, 'text', 'Still read'],
    ]);
    expect(vevent && lineProblems.get(vevent)).toEqual([
      {
        message:
          `line 12: unreadable line 'DTSTART;TZID="Europe/Berlin:20260101T090000' dropped ` +
          `(invalid line (no matching double quote) ";TZID="Europe/Berlin:20260101T090000")`,
        severity: 'warning',
      },
      { message: 'missing END:VEVENT', severity: 'warning' },
    ]);
  });
});
