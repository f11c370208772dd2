import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { DESIGN_SET } from '../../../shared/feeds/ical/ical-design-set.ts';
import { readCommonLine } from '../../../shared/feeds/ical/read-common-line.ts';
import { generateICalFeed } from '../../bench/generate-ical-feed.ts';

const fixtureDirs = ['../../fixtures/ical', '../../fixtures/feeds', '../../fixtures/e2e'];

/** Unfolded content lines of an iCalendar text. */
function contentLines(text: string): string[] {
  const lines: string[] = [];
  for (const physical of text.split(/\r?\n/)) {
    if ((physical.startsWith(' ') || physical.startsWith('\t')) && lines.length > 0) {
      lines[lines.length - 1] += physical.slice(1);
    } else if (physical !== '') lines.push(physical);
  }
  return lines;
}

function nameEndOf(line: string): number {
  const match = /[;:]/.exec(line);
  return match ? match.index : line.length;
}

/** What ical.js makes of the line, or the error it throws. */
function libraryReading(line: string): unknown {
  try {
    return ICAL.parse.property(line, DESIGN_SET);
  } catch (error) {
    return { error: String(error) };
  }
}

const crafted = [
  'DTSTART;TZID=America/New_York:20261209T193000',
  'DTSTART;TZID="AUS Eastern Standard Time":20270325T091500',
  'DTSTART;TZID=W. Europe Standard Time:20200609T090000',
  'DTSTART;VALUE=DATE:20261222',
  'DTSTART;VALUE=date:20261222',
  'DTSTART;VALUE=DATE-TIME:20261209T193000',
  'DTSTART;VALUE=DATE:20261209T193000',
  'DTSTART;TZID=Europe/Berlin:20261209T193000Z',
  'DTSTART;TZID=Europe/Berlin;X-FOO=bar:20261209T193000',
  'DTSTART;TZID=Europe/Berlin;TZID=Europe/Paris:20261209T193000',
  'DTSTART;TZID=(UTC-05:00) Eastern Time (US & Canada):20200609T090000',
  'DTSTART;TZID="W. Europe Standard Time:20200609T090000"',
  'DTSTART;TZID=Caret^nZone:20200609T090000',
  'DTSTART;TZID=Europe/Berlin:20261209T193000,20261210T193000',
  'DTEND:20270124T193000Z',
  'RECURRENCE-ID;TZID=Europe/Berlin:20261216T193000',
  'RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20261216T193000',
  'EXDATE;TZID=Europe/Berlin:20261209T193000,20261216T193000',
  'EXDATE;VALUE=DATE:20261209,20261216',
  'EXDATE:20261209T193000Z,20261216T193000Z',
  'RDATE;VALUE=PERIOD:19960403T020000Z/19960403T040000Z',
  'RDATE;TZID=Europe/Berlin:20261209T193000',
  'DURATION:PT1H',
  'DURATION:PT1H30M',
  'DURATION:P3D',
  'DURATION:P1DT2H',
  'DURATION:P2W',
  'DURATION:-PT15M',
  'DURATION:PT0S',
  'DURATION:P0D',
  'DURATION:P1M',
  'DURATION:PT',
  'DURATION;X-A=b:PT1H',
  'CATEGORIES:Conference,Conference',
  'CATEGORIES;LANGUAGE=en:Tech,Career',
  'CATEGORIES:a\\,b,c',
  'CATEGORIES:a,,b',
  'CATEGORIES:',
  'ORGANIZER;CN=Trellis Community:mailto:events@example.org',
  'ORGANIZER;CN="Doe, Jane":mailto:jane@example.org',
  'ORGANIZER;CN="Dr. A: B";SENT-BY="mailto:x@example.org":mailto:a@example.org',
  'ORGANIZER:mailto:events@example.org',
  'ATTENDEE;ROLE=CHAIR;CN=Ada Lovelace:mailto:ada@example.org',
  'ATTENDEE;PARTICIPANT-TYPE=SPEAKER;CN="Grace Hopper":mailto:grace@example.org',
  'ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=TRUE;CN=Bob:mailto:bob@example.org',
  'ATTENDEE;DELEGATED-TO="mailto:a@example.org","mailto:b@example.org";CN=C:mailto:c@example.org',
  'SEQUENCE:3',
  'SEQUENCE:-1',
  'SEQUENCE:x',
  'SUMMARY;LANGUAGE=de:Treffen\\, Berlin',
  'DESCRIPTION;ALTREP="cid:part1.0001@example.org":Hello\\nWorld',
  'LOCATION;ALTREP="http://example.org/map":Hall\\; A',
  'URL;VALUE=URI:https://example.org/e/1',
  'URL;X-LABEL=x:https://example.org/e/1',
  'RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20270620T000000Z',
  'RRULE:FREQ=MONTHLY;BYDAY=-1SU,1MO;COUNT=012',
  'RRULE:FREQ=DAILY;INTERVAL=0;UNTIL=20270620',
  'RRULE:FREQ=WEEKLY;X-NAME=1',
  'RRULE:freq=WEEKLY',
  'RRULE;X-A=b:FREQ=WEEKLY',
];

describe('readCommonLine', () => {
  const fixtureLines = fixtureDirs.flatMap((dir) => {
    const path = new URL(dir, import.meta.url).pathname;
    return readdirSync(path)
      .filter((name) => name.endsWith('.ics'))
      .flatMap((name) => contentLines(readFileSync(join(path, name), 'utf8')));
  });
  const benchLines = contentLines(
    generateICalFeed({ events: 400, seed: 3, start: new Date('2026-03-01T00:00:00Z') }),
  );
  const lines = [...new Set([...crafted, ...fixtureLines, ...benchLines])];

  it('reads every line it accepts exactly as ical.js does', () => {
    let accepted = 0;
    for (const line of lines) {
      const nameEnd = nameEndOf(line);
      const name = line.slice(0, nameEnd);
      const fast = readCommonLine(line, nameEnd, name);
      if (fast === null) continue;
      accepted++;
      expect({ line, property: fast }).toEqual({ line, property: libraryReading(line) });
    }
    expect(accepted).toBeGreaterThan(500);
  });

  it('takes the shapes most VEVENTs are made of', () => {
    for (const line of [
      'DTSTART;TZID=America/New_York:20261209T193000',
      'DTSTART;TZID="AUS Eastern Standard Time":20270325T091500',
      'DTSTART;VALUE=DATE:20261222',
      'DTEND:20270124T193000Z',
      'EXDATE;TZID=Europe/Berlin:20261209T193000,20261216T193000',
      'DURATION:PT1H30M',
      'CATEGORIES:Conference,Meetup',
      'ORGANIZER;CN=Trellis Community:mailto:events@example.org',
      'SEQUENCE:3',
      'RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20270620T000000Z',
      'RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=12',
    ]) {
      expect(readCommonLine(line, nameEndOf(line), line.slice(0, nameEndOf(line))), line).not.toBeNull();
    }
  });

  it('leaves the unusual and the broken to ical.js', () => {
    for (const line of [
      'DTSTART;TZID=(UTC-05:00) Eastern Time (US & Canada):20200609T090000',
      'DTSTART;TZID="W. Europe Standard Time:20200609T090000"',
      'DTSTART;TZID=Caret^nZone:20200609T090000',
      'DTSTART;TZID=Europe/Berlin:20261209T193000Z',
      'RDATE;VALUE=PERIOD:19960403T020000Z/19960403T040000Z',
      'DURATION:P1M',
      'CATEGORIES:a\\,b,c',
      'SEQUENCE:x',
      'RRULE;X-A=b:FREQ=WEEKLY',
      'RRULE:FREQ=WEEKLY;X-NAME=1',
      'RRULE:freq=WEEKLY',
    ]) {
      expect(readCommonLine(line, nameEndOf(line), line.slice(0, nameEndOf(line))), line).toBeNull();
    }
  });
});
