import ICAL from 'ical.js';
import { describe, expect, it, vi } from 'vitest';
import { hasCalendarUnits, readDuration } from '../../../shared/feeds/ical/ical-time-values.ts';
import { mulberry32 } from '../../support/seeded-random.ts';

/**
 * What readDuration must give: ical.js's reading of every text made of numbers with RFC 5545's
 * units (a "T" before any of them), except those counting months or years; null for anything else,
 * which ical.js would read on past ("P1DXYZ" is a day to it).
 */
const NUMBERS_WITH_RFC_UNITS = /^[+-]?P(?:T?\d+[WDHMS])+T?$/i;

function libraryDuration(text: unknown): { days: number; exactMs: number } | null {
  if (typeof text !== 'string' || hasCalendarUnits(text) || !NUMBERS_WITH_RFC_UNITS.test(text.trim()))
    return null;
  let duration: ICAL.Duration;
  try {
    duration = ICAL.Duration.fromString(text.trim());
  } catch {
    return null;
  }
  const sign = duration.isNegative ? -1 : 1;
  return {
    days: sign * (duration.weeks * 7 + duration.days),
    exactMs: sign * ((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000,
  };
}

/** toEqual tells 0 from -0, so a negative zero must come out as ical.js's does. */
function expectSameAsLibrary(text: unknown): void {
  expect({ text, duration: readDuration(text) }).toEqual({ text, duration: libraryDuration(text) });
}

describe('readDuration', () => {
  it('reads hand-picked durations as ical.js does', () => {
    const texts: unknown[] = [
      'PT1H',
      'PT1H30M',
      'PT90M',
      'PT45S',
      'PT1H0M0S',
      'PT0S',
      'P0D',
      'P0W',
      'P3D',
      'P1DT2H',
      'P1DT2H3M4S',
      'P2W',
      '-PT15M',
      '-P1D',
      '-P0D',
      '-PT0S',
      '+PT15M',
      '+P1W',
      ' PT1H ',
      '\tP1D\r\n',
      'PT007M',
      'P999999999999999D',
      'PT999999999999999S',
      'P9999999999999999D',
      'P12345678901234567890W',
      'P1M',
      'P1Y',
      'P1Y2D',
      'p1d',
      'pt1h',
      'PT',
      'P',
      'P1DT',
      'P1W2D',
      'P1D2H',
      'PT1M1H',
      'PT1H1H',
      'PT1.5H',
      'PT-1H',
      '--PT1H',
      '-+PT1H',
      'P 1D',
      'PT1H 30M',
      '1D',
      'T1H',
      'PT1HX',
      'P1DXYZ',
      'P1D-',
      'PD',
      'PTH',
      '',
      ' ',
      null,
      undefined,
      42,
      { days: 1 },
    ];
    for (const text of texts) expectSameAsLibrary(text);
    expect(Object.is(readDuration('-PT15M')?.days, -0)).toBe(true);
    expect(Object.is(readDuration('PT15M')?.days, 0)).toBe(true);
  });

  it('reads the strict forms without ical.js, and leaves the rest to it', () => {
    const fromString = vi.spyOn(ICAL.Duration, 'fromString');
    try {
      for (const text of ['PT1H', 'PT1H30M', 'P3D', 'P1DT2H3M4S', 'P2W', '-PT15M', '+P1D', ' PT0S ', 'P0D']) {
        expect(readDuration(text), text).not.toBeNull();
      }
      expect(fromString).not.toHaveBeenCalled();
      for (const text of ['P1DT', 'P1W2D', 'PT1M1H', 'PT1W', 'P9999999999999999D']) readDuration(text);
      expect(fromString).toHaveBeenCalledTimes(5);
      // Unknown letters, or no number at all, never reach it.
      for (const text of ['P1DXYZ', 'PT1HX', 'PT', 'P']) expect(readDuration(text), text).toBeNull();
      expect(fromString).toHaveBeenCalledTimes(5);
    } finally {
      fromString.mockRestore();
    }
  });

  it('tells a duration counting months or years from one that is merely unreadable', () => {
    for (const text of ['P1M', 'P1Y', 'P1Y2D', '-P2M', 'P1MT2H', 'p1m'])
      expect(hasCalendarUnits(text), text).toBe(true);
    for (const text of ['PT1M', 'P1DXYZ', 'PYM', 'P1D', 'MONTHLY', 'P1W']) {
      expect(hasCalendarUnits(text), text).toBe(false);
    }
  });

  it('reads a random corpus of durations as ical.js does', () => {
    const random = mulberry32(20_260_601);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const number = (): string =>
      pick([
        String(Math.floor(random() * 100)),
        String(Math.floor(random() * 100_000)),
        `0${Math.floor(random() * 10)}`,
        '9'.repeat(1 + Math.floor(random() * 20)),
        '',
        '1.5',
        '-1',
        ' 2',
      ]);
    const strict = (): string => {
      const sign = pick(['', '', '', '-', '+']);
      const kind = random();
      if (kind < 0.2) return `${sign}P${number()}W`;
      const time = ['H', 'M', 'S']
        .filter(() => random() < 0.5)
        .map((unit) => `${number()}${unit}`)
        .join('');
      if (kind < 0.6) return `${sign}P${number()}D${time === '' && random() < 0.7 ? '' : `T${time}`}`;
      return `${sign}PT${time}`;
    };
    const letters = 'PTWDHMSY+- 0123456789';
    const noise = (): string =>
      Array.from({ length: 1 + Math.floor(random() * 8) }, () => pick([...letters])).join('');
    const mutate = (text: string): string => {
      const at = Math.floor(random() * (text.length + 1));
      const choice = random();
      if (choice < 0.33) return text.slice(0, at) + pick([...letters]) + text.slice(at);
      if (choice < 0.66) return text.slice(0, at) + text.slice(at + 1);
      return ` ${text}${pick(['', ' ', '\t', '\r\n'])}`;
    };
    let readable = 0;
    let unreadable = 0;
    for (let i = 0; i < 6_000; i++) {
      const kind = random();
      const text = kind < 0.5 ? strict() : kind < 0.8 ? mutate(strict()) : noise();
      expectSameAsLibrary(text);
      if (readDuration(text) === null) unreadable++;
      else readable++;
    }
    expect(readable).toBeGreaterThan(1_000);
    expect(unreadable).toBeGreaterThan(3_000);
  });
});
