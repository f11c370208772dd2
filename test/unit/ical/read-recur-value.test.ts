import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { DESIGN_SET } from '../../../shared/feeds/ical/ical-design-set.ts';
import { readCommonLine } from '../../../shared/feeds/ical/read-common-line.ts';
import { readRecurValue } from '../../../shared/feeds/ical/read-recur-value.ts';
import { mulberry32 } from '../../support/seeded-random.ts';

/** What ical.js makes of the line, or the error it throws. */
function libraryReading(line: string): unknown {
  try {
    return ICAL.parse.property(line, DESIGN_SET);
  } catch (error) {
    return { error: String(error) };
  }
}

function fastReading(value: string): unknown {
  return readCommonLine(`RRULE:${value}`, 5, 'RRULE');
}

/** The fast reading equals ical.js's, key order and negative zeros included; false when it declined. */
function expectSameAsLibrary(value: string): boolean {
  const fast = fastReading(value);
  expect(readRecurValue(value) === null, value).toBe(fast === null);
  if (fast === null) return false;
  const library = libraryReading(`RRULE:${value}`);
  expect(JSON.stringify(fast), value).toBe(JSON.stringify(library));
  expect({ value, property: fast }).toEqual({ value, property: library });
  return true;
}

const FREQUENCIES = ['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const NUMERIC_PARTS: ReadonlyMap<string, readonly [number, number]> = new Map([
  ['BYMONTHDAY', [-31, 31]],
  ['BYMONTH', [1, 12]],
  ['BYSETPOS', [-366, 366]],
  ['BYYEARDAY', [-366, 366]],
  ['BYWEEKNO', [-53, 53]],
  ['BYHOUR', [0, 23]],
  ['BYMINUTE', [0, 59]],
  ['BYSECOND', [0, 60]],
]);

/** Random RRULE values, valid parts mixed with odd and invalid ones; `validOnly` keeps to strict shapes. */
function ruleGenerator(random: () => number, validOnly: boolean) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number): boolean => !validOnly && random() < p;
  const integer = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

  const numberItem = (min: number, max: number): string => {
    if (chance(0.15))
      return pick([
        '',
        'x',
        ' 1',
        '1 ',
        '1x',
        '-0',
        '+0',
        '--1',
        '+-1',
        '1.5',
        '0x1',
        `${max + 1}`,
        `${min - 1}`,
      ]);
    const n = integer(min, max);
    const sign = n < 0 ? '-' : random() < 0.1 ? '+' : '';
    const zeros = random() < 0.1 ? '0'.repeat(integer(1, 3)) : '';
    return `${sign}${zeros}${Math.abs(n)}`;
  };
  const dayItem = (): string => {
    if (chance(0.15)) return pick(['', 'mo', 'Mo', 'XX', '0MO', '01MO', '+MO', '-MO', '54FR', '1 MO', 'MO ']);
    const day = pick(DAYS);
    if (random() < 0.6) return day;
    const ordinal = integer(1, 53);
    return `${pick(['', '+', '-'])}${ordinal}${day}`;
  };
  const list = (item: () => string): string => {
    const items = Array.from({ length: integer(1, 4) }, item);
    // A repeated item, which ical.js drops.
    if (random() < 0.2) items.push(items[0] as string);
    return items.join(chance(0.05) ? ',,' : ',');
  };
  const digits = (n: number): string => String(n).padStart(integer(1, 3), '0');
  const stamp = (): string =>
    `${integer(1990, 2040)}${String(integer(1, 12)).padStart(2, '0')}${String(integer(1, 28)).padStart(2, '0')}`;

  const values: Record<string, () => string> = {
    FREQ: () => (chance(0.15) ? pick(['daily', 'Weekly', 'FORTNIGHTLY', '', ' DAILY']) : pick(FREQUENCIES)),
    COUNT: () =>
      chance(0.2)
        ? pick(['', '-3', '+3', '1e3', ' 5', '5x', '0x10', '1234567890123456789', '12.0'])
        : `${random() < 0.2 ? '00' : ''}${integer(0, 500)}`,
    INTERVAL: () =>
      chance(0.2) ? pick(['', '-1', '+2', 'x', '2 ', '99999999999999999']) : digits(integer(0, 12)),
    UNTIL: () => {
      if (chance(0.2))
        return pick(['', '2027-06-20', '2027062', '20270620T0000Z', '20270620t000000Z', '20270620T000000z']);
      const date = stamp();
      return pick([date, `${date}T${String(integer(0, 235959)).padStart(6, '0')}`, `${date}T000000Z`]);
    },
    WKST: () => (chance(0.15) ? pick(['mo', 'Su', 'XX', '', 'MO,TU', '1MO']) : pick(DAYS)),
    BYDAY: () => list(dayItem),
    ...Object.fromEntries(
      [...NUMERIC_PARTS].map(([key, [min, max]]) => [key, () => list(() => numberItem(min, max))]),
    ),
  };
  const keys = Object.keys(values);

  return (): string => {
    const chosen = new Set<string>(['FREQ']);
    const partCount = integer(0, 4);
    for (let i = 0; i < partCount; i++) chosen.add(pick(keys));
    const parts = [...chosen]
      .sort(() => random() - 0.5)
      .map((key) => `${key}=${(values[key] as () => string)()}`);
    if (chance(0.05)) parts.push(pick(parts));
    if (chance(0.05)) parts.push(pick(['X-FOO=bar', 'RSCALE=GREGORIAN', 'SKIP=BACKWARD', 'BYEASTER=1']));
    if (chance(0.05)) parts.push(pick(['freq=DAILY', 'Count=3', 'byday=MO', 'FREQ', '=DAILY', 'X=1=2']));
    if (chance(0.05)) parts[0] = `${parts[0]}=extra`;
    return parts.join(';') + (chance(0.05) ? ';' : '');
  };
}

describe('readRecurValue', () => {
  it('reads the generator’s RRULE lines as ical.js does', () => {
    const lines = [
      'FREQ=WEEKLY;BYDAY=MO;UNTIL=20261010T180000Z',
      'FREQ=MONTHLY;BYDAY=2TU;COUNT=12',
      'FREQ=MONTHLY;BYDAY=-1FR;COUNT=12',
      'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
      'FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
    ];
    for (const value of lines) expect(expectSameAsLibrary(value), value).toBe(true);
  });

  it('matches ical.js on hand-picked edge cases, and declines the odd ones', () => {
    const accepted = [
      'FREQ=WEEKLY',
      'FREQ=MONTHLY;BYDAY=-1SU,1MO',
      'FREQ=WEEKLY;BYDAY=MO,MO',
      'FREQ=WEEKLY;BYDAY=MO,TU,MO,WE',
      'FREQ=WEEKLY;BYDAY=1MO,+1MO',
      'FREQ=DAILY;INTERVAL=0',
      'FREQ=DAILY;INTERVAL=00',
      'FREQ=DAILY;INTERVAL=1',
      'FREQ=DAILY;INTERVAL=3',
      'FREQ=DAILY;COUNT=007',
      'FREQ=DAILY;COUNT=0',
      'FREQ=DAILY;UNTIL=20270620',
      'FREQ=DAILY;UNTIL=20270620T000000Z',
      'FREQ=DAILY;UNTIL=20270620T093000',
      'FREQ=WEEKLY;WKST=MO;BYDAY=TU,TH',
      'FREQ=WEEKLY;WKST=SU;BYDAY=TU,TH',
      'WKST=SA;FREQ=WEEKLY',
      'UNTIL=20270620T000000Z;BYDAY=FR;FREQ=WEEKLY',
      'COUNT=5',
      'FREQ=MONTHLY;BYMONTHDAY=1,15,-1',
      'FREQ=MONTHLY;BYMONTHDAY=0',
      'FREQ=MONTHLY;BYMONTHDAY=+5,5',
      'FREQ=MONTHLY;BYMONTHDAY=05,5',
      'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
      'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0,-0',
      'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-0,0',
      'FREQ=YEARLY;BYYEARDAY=1,100,-366',
      'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO',
      'FREQ=DAILY;BYHOUR=9,17;BYMINUTE=0,30;BYSECOND=0,60',
      'FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12',
      'FREQ=YEARLY;BYDAY=53FR,-53MO',
    ];
    for (const value of accepted) expect(expectSameAsLibrary(value), value).toBe(true);

    const declined = [
      '',
      'FREQ=WEEKLY;',
      'FREQ=WEEKLY;;COUNT=2',
      ';FREQ=WEEKLY',
      'freq=WEEKLY',
      'Freq=WEEKLY',
      'FREQ=weekly',
      'FREQ=WEEKLY;byday=MO',
      'FREQ=WEEKLY;X-FOO=bar',
      'FREQ=WEEKLY;RSCALE=GREGORIAN',
      'FREQ=WEEKLY;FREQ=DAILY',
      'FREQ=WEEKLY;BYDAY=MO;BYDAY=TU',
      'FREQ=WEEKLY;BYDAY=MO,',
      'FREQ=WEEKLY;BYDAY=',
      'FREQ=WEEKLY;BYDAY=MO, TU',
      'FREQ=WEEKLY;BYDAY=+MO',
      'FREQ=WEEKLY;BYDAY=0MO',
      'FREQ=WEEKLY;BYDAY=54MO',
      'FREQ= WEEKLY',
      'FREQ=WEEKLY ',
      'FREQ=WEEKLY;COUNT= 5',
      'FREQ=WEEKLY;COUNT=+5',
      'FREQ=WEEKLY;COUNT=-5',
      'FREQ=WEEKLY;COUNT=5x',
      'FREQ=WEEKLY;COUNT=1234567890123456',
      'FREQ=WEEKLY;INTERVAL=-1',
      'FREQ=WEEKLY;INTERVAL=',
      'FREQ=WEEKLY;UNTIL=2027-06-20',
      'FREQ=WEEKLY;UNTIL=20270620T000000z',
      'FREQ=WEEKLY;UNTIL=20270620T0000Z',
      'FREQ=WEEKLY;UNTIL=202706201',
      'FREQ=WEEKLY;WKST=mo',
      'FREQ=WEEKLY;WKST=XX',
      'FREQ=MONTHLY;BYMONTHDAY=32',
      'FREQ=MONTHLY;BYMONTHDAY=-32',
      'FREQ=YEARLY;BYMONTH=0',
      'FREQ=YEARLY;BYMONTH=-0',
      'FREQ=YEARLY;BYMONTH=13',
      'FREQ=DAILY;BYHOUR=24',
      'FREQ=DAILY;BYMINUTE=-1',
      'FREQ=WEEKLY=DAILY',
      'FREQ',
      '=WEEKLY',
    ];
    for (const value of declined) expect(expectSameAsLibrary(value), value).toBe(false);
  });

  it('keeps the order the parts were written in, and makes "-0" a 0 as ical.js’s Set does', () => {
    const property = fastReading('BYSETPOS=-0;BYDAY=MO;FREQ=MONTHLY') as [string, unknown, string, object];
    expect(Object.keys(property[3])).toEqual(['bysetpos', 'byday', 'freq']);
    expect(Object.is((property[3] as { bysetpos: number }).bysetpos, 0)).toBe(true);
  });

  it('leaves RRULE lines with parameters to ical.js', () => {
    for (const line of ['RRULE;X-A=b:FREQ=WEEKLY', 'RRULE;VALUE=RECUR:FREQ=WEEKLY']) {
      expect(readCommonLine(line, 5, 'RRULE'), line).toBeNull();
    }
  });

  it('reads every accepted value of a random corpus as ical.js does', () => {
    const next = ruleGenerator(mulberry32(20_260_601), false);
    let accepted = 0;
    let declined = 0;
    for (let i = 0; i < 4_000; i++) {
      if (expectSameAsLibrary(next())) accepted++;
      else declined++;
    }
    expect(accepted).toBeGreaterThan(800);
    expect(declined).toBeGreaterThan(800);
  });

  it('takes every strictly written rule of a random corpus', () => {
    const next = ruleGenerator(mulberry32(7), true);
    for (let i = 0; i < 2_000; i++) {
      const value = next();
      expect(expectSameAsLibrary(value), value).toBe(true);
    }
  });
});
