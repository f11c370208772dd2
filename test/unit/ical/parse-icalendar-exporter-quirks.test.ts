import { describe, expect, it } from 'vitest';
import { parseICalendar } from '../../../shared/feeds/ical/parse-icalendar.ts';
import type { EventTime, RawFeed } from '../../../shared/feeds/raw-event.ts';

const YEARS_2026_TO_2029 = {
  fromMs: Date.parse('2026-01-01T00:00:00Z'),
  toMs: Date.parse('2030-01-01T00:00:00Z'),
};

function parse(lines: readonly string[], defaultTimeZone: string | null = null): RawFeed {
  const text = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Trellis tests//EN',
    ...lines,
    'END:VCALENDAR',
  ].join('\r\n');
  return parseICalendar(text, YEARS_2026_TO_2029, { defaultTimeZone });
}

function vevent(uid: string, ...lines: string[]): string[] {
  return ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20260101T000000Z', `SUMMARY:${uid}`, ...lines, 'END:VEVENT'];
}

/** "2026-06-15T15:00:00.000Z America/Denver", or the date of an all-day time. */
function when(time: EventTime | null): string | null {
  if (time === null) return null;
  return time.kind === 'date' ? time.date : `${new Date(time.utcMs).toISOString()} ${time.timeZone}`;
}

const messages = (feed: RawFeed) => feed.problems.map((problem) => `${problem.severity}: ${problem.message}`);

describe('parseICalendar on exporters that bend RFC 5545', () => {
  it("reads a VTIMEZONE with two TZIDs as the zone its observances belong to (a WordPress plugin's)", () => {
    const feed = parse([
      'BEGIN:VTIMEZONE',
      'TZID:Europe/London',
      'BEGIN:STANDARD',
      'TZOFFSETFROM:+0000',
      'TZOFFSETTO:+0000',
      'DTSTART:20260101T000000',
      'END:STANDARD',
      'TZID:America/Denver',
      'BEGIN:DAYLIGHT',
      'TZOFFSETFROM:-0700',
      'TZOFFSETTO:-0600',
      'DTSTART:20260308T020000',
      'END:DAYLIGHT',
      'BEGIN:STANDARD',
      'TZOFFSETFROM:-0600',
      'TZOFFSETTO:-0700',
      'DTSTART:20261101T020000',
      'END:STANDARD',
      'END:VTIMEZONE',
      // Floating, in a calendar whose only VTIMEZONE is Denver's.
      ...vevent('floating', 'DTSTART:20260615T090000', 'DTEND:20260615T100000'),
      ...vevent('named-first-tzid', 'DTSTART;TZID=Europe/London:20260615T090000'),
    ]);
    expect(feed.events.map((event) => [event.uid, when(event.start), when(event.end)])).toEqual([
      ['floating', '2026-06-15T15:00:00.000Z America/Denver', '2026-06-15T16:00:00.000Z America/Denver'],
      ['named-first-tzid', '2026-06-15T08:00:00.000Z Europe/London', null],
    ]);
    expect(feed.problems).toEqual([]);
  });

  it('reads a TZID that lists the cities of several display names (older Exchange servers) in that zone', () => {
    const tzid = '"Amsterdam, Belgrade, Berlin, Brussels, Budapest, Madrid, Paris, Prague, Stockholm"';
    const feed = parse([
      ...vevent('city-list', `DTSTART;TZID=${tzid}:20260415T190000`, `DTEND;TZID=${tzid}:20260415T210000`),
    ]);
    expect(feed.events.map((event) => [when(event.start), when(event.end)])).toEqual([
      ['2026-04-15T17:00:00.000Z Europe/Berlin', '2026-04-15T19:00:00.000Z Europe/Berlin'],
    ]);
    expect(feed.problems).toEqual([]);
  });

  it("keeps an all-day series' last day when its UNTIL is that day's midnight in the calendar's zone, written in UTC", () => {
    // Outlook ends a yearly all-day series in Berlin with UNTIL at 2028-10-20 00:00 Berlin time.
    const series = vevent(
      'yearly-all-day',
      'DTSTART;VALUE=DATE:20261020',
      'DTEND;VALUE=DATE:20261021',
      'RRULE:FREQ=YEARLY;UNTIL=20281019T220000Z',
    );
    const inBerlin = parse(['X-WR-TIMEZONE:Europe/Berlin', ...series]);
    expect(inBerlin.events.map((event) => when(event.start))).toEqual([
      '2026-10-20',
      '2027-10-20',
      '2028-10-20',
    ]);
    // Without a zone for its dates the series is read in UTC, where that UNTIL falls on the day before.
    const inUtc = parse(series);
    expect(inUtc.events.map((event) => when(event.start))).toEqual(['2026-10-20', '2027-10-20']);
    // West of UTC the same local midnight is after the day's start either way.
    const inDenver = parse([
      'X-WR-TIMEZONE:America/Denver',
      ...vevent('yearly-all-day', 'DTSTART;VALUE=DATE:20261020', 'RRULE:FREQ=YEARLY;UNTIL=20281020T060000Z'),
    ]);
    expect(inDenver.events.map((event) => when(event.start))).toEqual([
      '2026-10-20',
      '2027-10-20',
      '2028-10-20',
    ]);
  });

  it('reports a negative DURATION on an all-day event and keeps it one day long', () => {
    const feed = parse(vevent('backwards', 'DTSTART;VALUE=DATE:20260401', 'DURATION:-P8D'));
    expect(feed.events.map((event) => [when(event.start), when(event.end)])).toEqual([
      ['2026-04-01', '2026-04-02'],
    ]);
    expect(messages(feed)).toEqual(['warning: negative DURATION; end ignored']);
  });

  it('calls a DURATION with unknown letters unreadable, not one that counts months', () => {
    const feed = parse([
      ...vevent('letters', 'DTSTART:20260401T090000Z', 'DURATION:P1DXYZ'),
      ...vevent('months', 'DTSTART:20260402T090000Z', 'DURATION:P1M'),
    ]);
    expect(feed.events.map((event) => [event.uid, when(event.end)])).toEqual([
      ['letters', null],
      ['months', null],
    ]);
    expect(messages(feed)).toEqual([
      "warning: unreadable DURATION 'P1DXYZ'",
      "warning: DURATION 'P1M' counts months or years, which iCalendar durations cannot; end ignored",
    ]);
  });

  it('quotes an unreadable start as the feed wrote it, not as the line parser cut it up', () => {
    const feed = parse([
      ...vevent('words', 'DTSTART;VALUE=DATE:Next Year'),
      ...vevent('underscores', 'DTSTART:not_a_valid_date'),
      ...vevent('readable', 'DTSTART:20260101T100000Z'),
    ]);
    expect(feed.events.map((event) => event.uid)).toEqual(['readable']);
    expect(messages(feed)).toEqual([
      "error: unreadable DTSTART 'Next Year'",
      "error: unreadable DTSTART 'not_a_valid_date'",
    ]);
  });

  it('keeps the first of two different DTSTARTs and says so; the same one twice is no problem', () => {
    const feed = parse([
      ...vevent('two-starts', 'DTSTART:20260101T100000Z', 'DTSTART:20260102T100000Z'),
      ...vevent(
        'same-start-twice',
        'DTSTART;TZID=Europe/Paris:20260103T100000',
        'DTSTART;TZID=Europe/Paris:20260103T100000',
      ),
    ]);
    expect(feed.events.map((event) => [event.uid, when(event.start)])).toEqual([
      ['two-starts', '2026-01-01T10:00:00.000Z UTC'],
      ['same-start-twice', '2026-01-03T09:00:00.000Z Europe/Paris'],
    ]);
    expect(feed.problems).toEqual([
      {
        entry: 'two-starts',
        message: "DTSTART is given twice ('20260101T100000Z', then '20260102T100000Z'); the first is used",
        severity: 'warning',
      },
    ]);
  });
});
