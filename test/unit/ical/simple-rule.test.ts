import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { IterationCapReached, simpleRuleCursor } from '../../../shared/feeds/ical/simple-rule.ts';

/** The rule as ICAL.parse hands it over (jCal recur data). */
function jcalRule(text: string): Record<string, unknown> {
  const parsed = ICAL.parse(`BEGIN:VEVENT\r\nRRULE:${text}\r\nEND:VEVENT`);
  return parsed[1][0][3];
}

function take(next: () => number | null, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const localMs = next();
    if (localMs === null) break;
    out.push(new Date(localMs).toISOString());
  }
  return out;
}

function fastPath(rule: string, start: string, count: number, isDate = false): string[] {
  const cursor = simpleRuleCursor(jcalRule(rule), Date.parse(start), isDate, 100_000);
  if (!cursor) throw new Error(`not a simple rule: ${rule}`);
  return take(cursor, count);
}

function icalJs(rule: string, start: string, count: number, isDate = false): string[] {
  const date = new Date(start);
  const dtstart = ICAL.Time.fromData({
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    isDate,
  });
  const iterator = ICAL.Recur.fromString(rule).iterator(dtstart);
  return take(() => {
    const next = iterator.next();
    return next ? Date.UTC(next.year, next.month - 1, next.day, next.hour, next.minute, next.second) : null;
  }, count);
}

describe('simpleRuleCursor', () => {
  it('expands the common rules as written out by hand', () => {
    expect(fastPath('FREQ=WEEKLY;BYDAY=MO,WE', '2026-03-04T18:00:00Z', 4)).toEqual([
      '2026-03-04T18:00:00.000Z',
      '2026-03-09T18:00:00.000Z',
      '2026-03-11T18:00:00.000Z',
      '2026-03-16T18:00:00.000Z',
    ]);
    expect(fastPath('FREQ=MONTHLY;BYDAY=-1FR;COUNT=3', '2026-01-30T18:00:00Z', 10)).toEqual([
      '2026-01-30T18:00:00.000Z',
      '2026-02-27T18:00:00.000Z',
      '2026-03-27T18:00:00.000Z',
    ]);
    expect(fastPath('FREQ=MONTHLY', '2026-01-31T09:00:00Z', 4)).toEqual([
      '2026-01-31T09:00:00.000Z',
      '2026-03-31T09:00:00.000Z',
      '2026-05-31T09:00:00.000Z',
      '2026-07-31T09:00:00.000Z',
    ]);
    // RFC 5545 3.3.10: an occurrence on a date that does not exist (Feb 29 of 2025) is ignored.
    expect(fastPath('FREQ=YEARLY;INTERVAL=1', '2024-02-29T00:00:00Z', 3, true)).toEqual([
      '2024-02-29T00:00:00.000Z',
      '2028-02-29T00:00:00.000Z',
      '2032-02-29T00:00:00.000Z',
    ]);
    expect(fastPath('FREQ=DAILY;INTERVAL=10;COUNT=2', '2026-12-25T07:30:00Z', 5)).toEqual([
      '2026-12-25T07:30:00.000Z',
      '2027-01-04T07:30:00.000Z',
    ]);
  });

  it('leaves every other rule to ical.js', () => {
    for (const rule of [
      'FREQ=HOURLY;BYMINUTE=0,30',
      'FREQ=MINUTELY;BYHOUR=9',
      'FREQ=YEARLY;BYMONTH=11',
      'FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU',
      'FREQ=WEEKLY;BYDAY=1MO',
    ]) {
      expect(simpleRuleCursor(jcalRule(rule), Date.parse('2026-01-01T00:00:00Z'), false, 100)).toBeNull();
    }
  });

  it('gives up after the step cap', () => {
    const cursor = simpleRuleCursor(jcalRule('FREQ=DAILY'), Date.parse('1900-01-01T00:00:00Z'), false, 10);
    expect(() => take(cursor as () => number | null, 50)).toThrow(IterationCapReached);
  });

  it('stops a rule that never matches instead of looping', () => {
    const cursor = simpleRuleCursor(
      jcalRule('FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=30'),
      Date.parse('2026-02-01T00:00:00Z'),
      false,
      100_000,
    );
    expect(take(cursor as () => number | null, 5)).toEqual([]);
  });

  // The fast path must expand exactly like ical.js for every rule it accepts.
  const rules = [
    'FREQ=DAILY',
    'FREQ=DAILY;INTERVAL=3',
    'FREQ=WEEKLY',
    'FREQ=WEEKLY;INTERVAL=2',
    'FREQ=WEEKLY;BYDAY=MO,WE,FR',
    'FREQ=WEEKLY;BYDAY=SU,TU',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=MO',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=SU',
    'FREQ=WEEKLY;INTERVAL=3;BYDAY=SA;WKST=TH',
    'FREQ=MONTHLY',
    'FREQ=MONTHLY;INTERVAL=2',
    'FREQ=MONTHLY;BYMONTHDAY=1,15',
    'FREQ=MONTHLY;BYMONTHDAY=-1',
    'FREQ=MONTHLY;BYMONTHDAY=31',
    'FREQ=MONTHLY;BYMONTHDAY=-3,10',
    'FREQ=MONTHLY;BYDAY=1MO',
    'FREQ=MONTHLY;BYDAY=2TU',
    'FREQ=MONTHLY;BYDAY=-1FR',
    'FREQ=MONTHLY;BYDAY=-2SU',
    'FREQ=MONTHLY;BYDAY=TH',
    'FREQ=MONTHLY;BYDAY=MO,FR',
    'FREQ=MONTHLY;INTERVAL=3;BYDAY=3WE',
    'FREQ=YEARLY',
    'FREQ=YEARLY;INTERVAL=2',
  ];
  const starts = [
    '2026-01-01T09:00:00Z',
    '2026-01-31T18:30:00Z',
    '2026-03-29T02:30:00Z',
    '2026-06-15T00:00:00Z',
    '2026-10-25T23:59:59Z',
    '2027-12-31T12:00:00Z',
    '2028-02-29T08:00:00Z',
  ];

  it.each(rules)('expands %s like ical.js', (rule) => {
    // From Feb 29 ical.js moves yearly occurrences to Mar 1; RFC 5545 3.3.10 skips them (tested above).
    for (const start of starts.filter(
      (day) => !(rule.startsWith('FREQ=YEARLY') && day.startsWith('2028-02-29')),
    )) {
      expect(fastPath(`${rule};COUNT=40`, start, 60), `${rule} from ${start}`).toEqual(
        icalJs(`${rule};COUNT=40`, start, 60),
      );
      const day = `${start.slice(0, 10)}T00:00:00Z`;
      expect(fastPath(rule, day, 25, true), `${rule} from ${day} (all-day)`).toEqual(
        icalJs(rule, day, 25, true),
      );
    }
  });

  it.each(rules)('skips to a later window start without changing the occurrences of %s', (rule) => {
    for (const start of starts) {
      for (const skipTo of ['2026-02-01T00:00:00Z', '2027-06-15T12:00:00Z', '2031-01-01T00:00:00Z']) {
        const skipMs = Date.parse(skipTo);
        const cursor = (skipBefore?: number) => {
          const next = simpleRuleCursor(jcalRule(rule), Date.parse(start), false, 100_000, skipBefore);
          if (!next) throw new Error(`not a simple rule: ${rule}`);
          return next;
        };
        const fromSkipPoint = (values: string[]) =>
          values.filter((iso) => Date.parse(iso) >= skipMs).slice(0, 10);
        expect(
          fromSkipPoint(take(cursor(skipMs), 40)),
          `${rule} from ${start} skipping to ${skipTo}`,
        ).toEqual(fromSkipPoint(take(cursor(), 5_000)));
      }
    }
  });

  const subDailyRules = [
    'FREQ=HOURLY',
    'FREQ=HOURLY;INTERVAL=5',
    'FREQ=MINUTELY;INTERVAL=15',
    'FREQ=SECONDLY;INTERVAL=90',
  ];

  it.each(subDailyRules)('expands %s like ical.js', (rule) => {
    for (const start of starts) {
      expect(fastPath(`${rule};COUNT=40`, start, 60), `${rule} from ${start}`).toEqual(
        icalJs(`${rule};COUNT=40`, start, 60),
      );
    }
  });

  it('jumps a fixed-step rule straight to the window, counting the occurrences it skips', () => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    const skipTo = Date.parse('2026-03-01T12:00:30Z');
    const everySecond = simpleRuleCursor(
      jcalRule('FREQ=SECONDLY;COUNT=1000000000'),
      start,
      false,
      10,
      skipTo,
    );
    // Five million seconds after DTSTART, reached at once.
    expect(take(everySecond as () => number | null, 2)).toEqual([
      '2026-03-01T12:00:30.000Z',
      '2026-03-01T12:00:31.000Z',
    ]);
    const tenMinutes = simpleRuleCursor(
      jcalRule('FREQ=MINUTELY;INTERVAL=10;COUNT=3'),
      start,
      false,
      10,
      skipTo,
    );
    expect(take(tenMinutes as () => number | null, 5)).toEqual([]);
    const hourly = simpleRuleCursor(
      jcalRule('FREQ=HOURLY;COUNT=24'),
      start,
      false,
      10,
      Date.parse('2026-01-01T22:30:00Z'),
    );
    expect(take(hourly as () => number | null, 5)).toEqual(['2026-01-01T23:00:00.000Z']);
  });
});
