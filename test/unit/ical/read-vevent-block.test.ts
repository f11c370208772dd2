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

/** Revision stamps are kept as written, unparsed (they are only compared). */
const STAMPS = new Set(['dtstamp', 'last-modified']);
const parsedOnly = (properties: JCalProperty[] | undefined) =>
  properties?.filter((property) => !STAMPS.has(property[0]));

describe('readVEventBlock', () => {
  it('gives the same properties as ICAL.parse for every VEVENT of the fixtures and the bench feed', () => {
    const texts = readdirSync(fixtures)
      // Outlook's unquoted display-name TZIDs are read where ICAL.parse reads garbage: tested below.
      .filter((name) => name.endsWith('.ics') && name !== 'outlook-zones.ics')
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
        expect(parsedOnly(readVEventBlock(vevent).vevents[0]?.[1])).toEqual(parsedOnly(expected));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(550);
  });

  it('reads folded lines and join links as ICAL.parse does, wherever the fold falls, with CRLF, LF, spaces and tabs', () => {
    const lines = [
      'BEGIN:VEVENT',
      'UID:folded-everywhere',
      // an escape cut by the fold, and a tab fold
      'DESCRIPTION:first\\',
      ' , second\\',
      '\tn third\\;',
      ' end',
      // a fold inside the name, and one inside a stamp
      'SUMM',
      ' ARY:Folded name',
      'DTSTAMP:2026',
      ' 0101T000000Z',
      'URL:https://example.org/a/very/long/',
      ' path?q=1',
      // beyond ASCII, folded between a letter and its neighbour
      'LOCATION:Caf\u00e9 Z',
      ' \u00fcrich\\, \u201cup\u201d',
      'STATUS:CONFIRMED',
      // join links, read without ical.js's line parser too
      'CONFERENCE:https://video.example.org/room/42',
      'X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij',
      'X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.example.com/l/meetup-join/19%3a\\,x',
      'X-MICROSOFT-ONLINEMEETINGEXTERNALLINK:https://teams.example.com/',
      ' external',
      'END:VEVENT',
    ];
    for (const lineEnd of ['\r\n', '\n']) {
      const text = lines.join(lineEnd);
      const expected = ICAL.parse(text)[1] as JCalProperty[];
      const { vevents, lineProblems } = readVEventBlock({ text, firstLine: 1, calendar: 0 });
      const properties = vevents[0]?.[1];
      expect(parsedOnly(properties)).toEqual(parsedOnly(expected));
      expect(properties?.find((property) => property[0] === 'description')?.[3]).toBe(
        'first, second\n third;end',
      );
      expect(properties?.find((property) => property[0] === 'dtstamp')?.[3]).toBe('20260101T000000Z');
      expect(lineProblems.size).toBe(0);
    }
  });

  it('skips alarms and properties no RawEvent field needs', () => {
    const { vevents, lineProblems } = readVEventBlock(
      block([
        'BEGIN:VEVENT',
        'UID:alarm',
        'DTSTAMP:20260101T000000Z',
        'CONTACT:Someone, +1 555 0100',
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
          ['dtstamp', {}, 'text', '20260101T000000Z'],
          ['summary', {}, 'text', 'With an alarm'],
        ],
        [],
      ],
    ]);
    expect(lineProblems.size).toBe(0);
  });

  it('reports an unreadable line with its line number in the feed, and a missing END', () => {
    const { vevents, lineProblems } = readVEventBlock(
      block(['BEGIN:VEVENT', 'UID:x', 'DTSTART;TZID="Europe/Berlin:2026', 'SUMMARY:Still read']),
    );
    const [vevent] = vevents;
    expect(vevent?.[1]).toEqual([
      ['uid', {}, 'text', 'x'],
      ['summary', {}, 'text', 'Still read'],
    ]);
    expect(vevent && lineProblems.get(vevent)).toEqual([
      {
        message:
          `line 12: unreadable line 'DTSTART;TZID="Europe/Berlin:2026' dropped ` +
          `(invalid line (no matching double quote) ";TZID="Europe/Berlin:2026")`,
        severity: 'warning',
      },
      { message: 'missing END:VEVENT', severity: 'warning' },
    ]);
  });

  it('recovers a time written inside its quoted TZID, with a warning', () => {
    const { vevents, lineProblems } = readVEventBlock(
      block([
        'BEGIN:VEVENT',
        'UID:quoted-together',
        'DTSTART;TZID="W. Europe Standard Time:20200609T090000"',
        'DTEND;TZID="W. Europe Standard Time:20200609T100000',
        'EXDATE;TZID="W. Europe Standard Time:20200616T090000,20200623T090000"',
        'END:VEVENT',
      ]),
    );
    const [vevent] = vevents;
    const zone = { tzid: 'W. Europe Standard Time' };
    expect(vevent?.[1]).toEqual([
      ['uid', {}, 'text', 'quoted-together'],
      ['dtstart', zone, 'date-time', '2020-06-09T09:00:00'],
      ['dtend', zone, 'date-time', '2020-06-09T10:00:00'],
      ['exdate', zone, 'date-time', '2020-06-16T09:00:00', '2020-06-23T09:00:00'],
    ]);
    const recovered = (line: number, written: string) => ({
      message: `line ${line}: value read from inside a quoted parameter ('${written}')`,
      severity: 'warning',
    });
    expect(vevent && lineProblems.get(vevent)).toEqual([
      recovered(12, 'DTSTART;TZID="W. Europe Standard Time:20200609T090000"'),
      recovered(13, 'DTEND;TZID="W. Europe Standard Time:20200609T100000'),
      recovered(14, 'EXDATE;TZID="W. Europe Standard Time:20200616T090000,2020062…'),
    ]);
  });

  it('reads an unquoted display-name TZID with colons and semicolons in it, silently', () => {
    const { vevents, lineProblems } = readVEventBlock(
      block([
        'BEGIN:VEVENT',
        'UID:unquoted',
        'DTSTART;TZID=(UTC-05:00) Eastern Time (US and Canada):20200609T090000',
        'DTEND;VALUE=DATE-TIME;TZID=(GMT-08:00) Pacific Time (US & Canada); Tijuana:20200609T100000',
        'END:VEVENT',
      ]),
    );
    const [vevent] = vevents;
    expect(vevent?.[1]).toEqual([
      ['uid', {}, 'text', 'unquoted'],
      ['dtstart', { tzid: '(UTC-05:00) Eastern Time (US and Canada)' }, 'date-time', '2020-06-09T09:00:00'],
      [
        'dtend',
        { tzid: '(GMT-08:00) Pacific Time (US & Canada); Tijuana' },
        'date-time',
        '2020-06-09T10:00:00',
      ],
    ]);
    expect(lineProblems.size).toBe(0);
  });

  it('keeps DTSTAMP and LAST-MODIFIED as written, for telling revisions apart', () => {
    const { vevents } = readVEventBlock(
      block([
        'BEGIN:VEVENT',
        'UID:stamped',
        'DTSTAMP:20260102T030405Z',
        'LAST-MODIFIED;VALUE=DATE-TIME:20251231T235959Z',
        'END:VEVENT',
      ]),
    );
    expect(vevents[0]?.[1]).toEqual([
      ['uid', {}, 'text', 'stamped'],
      ['dtstamp', {}, 'text', '20260102T030405Z'],
      ['last-modified', {}, 'text', '20251231T235959Z'],
    ]);
  });
});
