import { describe, expect, it } from 'vitest';
import { formatUtcInstant } from '../../../shared/feeds/utc-instant.ts';

const viaDate = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

describe('formatUtcInstant', () => {
  it('writes an instant as YYYY-MM-DDTHH:mm:ssZ, dropping milliseconds', () => {
    expect(formatUtcInstant(Date.UTC(2026, 4, 12, 16, 30, 5, 999))).toBe('2026-05-12T16:30:05Z');
  });

  it('agrees with Date#toISOString on leap days, century years, the epoch and before it', () => {
    const instants = [
      Date.UTC(2024, 1, 29, 23, 59, 59),
      Date.UTC(2000, 1, 29),
      Date.UTC(1900, 2, 1),
      Date.UTC(2100, 1, 28, 12),
      0,
      -1,
      Date.UTC(1969, 11, 31, 23, 0, 0, 1),
      Date.UTC(999, 0, 1),
      Date.UTC(9999, 11, 31, 23, 59, 59),
    ];
    for (const ms of instants) expect(formatUtcInstant(ms)).toBe(viaDate(ms));
  });

  it('agrees with Date#toISOString on every day of four centuries', () => {
    const start = Date.UTC(1800, 0, 1, 7, 8, 9);
    for (let day = 0; day < 146_097; day++) {
      const ms = start + day * 86_400_000;
      if (formatUtcInstant(ms) !== viaDate(ms)) expect(formatUtcInstant(ms)).toBe(viaDate(ms));
    }
  });

  it('returns null outside years 0000–9999 and for NaN', () => {
    expect(formatUtcInstant(Date.UTC(10000, 0, 1))).toBeNull();
    expect(formatUtcInstant(-62_167_219_200_001)).toBeNull();
    expect(formatUtcInstant(Number.NaN)).toBeNull();
  });
});
