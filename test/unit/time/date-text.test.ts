import { describe, expect, it } from 'vitest';
import { dateText } from '../../../shared/time/date-text.ts';

describe('dateText', () => {
  it('reads a calendar date as people do (en-GB), whatever the machine zone', () => {
    expect(dateText('2026-05-12')).toBe('Tue 12 May 2026');
    expect(dateText('2028-02-29')).toBe('Tue 29 Feb 2028');
    expect(dateText('2026-09-01')).toBe(
      `Tue 1 ${new Intl.DateTimeFormat('en-GB', { month: 'short' }).format(new Date(Date.UTC(2026, 8, 1)))} 2026`,
    );
  });

  it('gives back what is not a date', () => {
    expect(dateText('2026-02-30')).toBe('2026-02-30');
    expect(dateText('soon')).toBe('soon');
  });
});
