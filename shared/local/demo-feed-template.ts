import { DateTime } from 'luxon';

/**
 * Demo feeds are templates with dates relative to today, so the demo never runs out of upcoming
 * events: {{date+3}} → 20261128, {{iso-2}} → 2026-11-23, {{offset+3 Europe/Berlin}} → +01:00.
 */
const placeholder = /\{\{(date|iso|offset)([+-]\d+)(?: ([A-Za-z_/]+))?\}\}/g;

export function renderDemoFeed(template: string, today: Date): string {
  const base = DateTime.fromJSDate(today, { zone: 'utc' }).startOf('day');
  return template.replace(placeholder, (_match, kind: string, days: string, zone: string | undefined) => {
    const day = base.plus({ days: Number(days) });
    if (kind === 'date') return day.toFormat('yyyyLLdd');
    if (kind === 'iso') return day.toFormat('yyyy-LL-dd');
    return DateTime.fromObject(
      { year: day.year, month: day.month, day: day.day, hour: 12 },
      { zone: zone ?? 'utc' },
    ).toFormat('ZZ');
  });
}
