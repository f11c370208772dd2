import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  isoDateText,
  isoWeekday,
  isoWeekMonday,
  isoWeekOf,
  isoWeekText,
  localDateAt,
  plusDays,
} from '../../../shared/time/calendar-date.ts';

const dayMs = 86_400_000;

describe('calendar dates, compared with luxon', () => {
  it('gives every day of 1990–2040 the same ISO weekday, week and week-year, and finds its Monday', () => {
    const mismatches: string[] = [];
    for (let ms = Date.UTC(1990, 0, 1); ms < Date.UTC(2041, 0, 1); ms += dayMs) {
      const reference = DateTime.fromMillis(ms, { zone: 'utc' });
      const date = { year: reference.year, month: reference.month, day: reference.day };
      const week = isoWeekOf(date);
      const monday = DateTime.fromObject(
        { weekYear: reference.weekYear, weekNumber: reference.weekNumber, weekday: 1 },
        { zone: 'utc' },
      );
      if (
        isoWeekday(date) !== reference.weekday ||
        week.weekYear !== reference.weekYear ||
        week.week !== reference.weekNumber ||
        isoDateText(isoWeekMonday(week.weekYear, week.week)) !== monday.toISODate() ||
        isoDateText(plusDays(date, 1)) !== reference.plus({ days: 1 }).toISODate()
      )
        mismatches.push(reference.toISODate() ?? '');
    }
    expect(mismatches).toEqual([]);
  });

  it('reads the local date at an instant in a zone as luxon does, across DST changes and the date line', () => {
    const zones = [
      'Europe/Berlin',
      'America/Los_Angeles',
      'Pacific/Kiritimati',
      'Pacific/Apia',
      'Asia/Kolkata',
      'America/Santiago',
      'UTC',
    ];
    const mismatches: string[] = [];
    for (const zone of zones)
      for (let ms = Date.UTC(2010, 0, 1); ms < Date.UTC(2031, 0, 1); ms += 7 * 3_600_000 + 13 * 60_000) {
        const reference = DateTime.fromMillis(ms, { zone });
        if (isoDateText(localDateAt(ms, zone)) !== reference.toISODate())
          mismatches.push(`${zone} ${new Date(ms).toISOString()}`);
      }
    expect(mismatches).toEqual([]);
  });

  it('writes ISO weeks', () => {
    expect(isoWeekText({ year: 2025, month: 12, day: 29 })).toBe('2026-W01');
    expect(isoWeekText({ year: 2026, month: 11, day: 25 })).toBe('2026-W48');
    expect(isoWeekText({ year: 2021, month: 1, day: 3 })).toBe('2020-W53');
  });
});
