import { describe, expect, it } from 'vitest';
import {
  needsFullParse,
  nextFetchAfterFailure,
  nextFetchAfterSuccess,
} from '../../../shared/sources/fetch-schedule.ts';

const now = new Date('2030-01-01T00:00:00Z');

describe('fetch schedule', () => {
  it('fetches again after the refresh interval on success', () => {
    expect(nextFetchAfterSuccess(now, 60).toISOString()).toBe('2030-01-01T01:00:00.000Z');
  });

  it('backs off exponentially on failure, capped at one day', () => {
    expect(nextFetchAfterFailure(now, 30, 1).toISOString()).toBe('2030-01-01T01:00:00.000Z');
    expect(nextFetchAfterFailure(now, 30, 2).toISOString()).toBe('2030-01-01T02:00:00.000Z');
    expect(nextFetchAfterFailure(now, 30, 3).toISOString()).toBe('2030-01-01T04:00:00.000Z');
    expect(nextFetchAfterFailure(now, 30, 10).toISOString()).toBe('2030-01-02T00:00:00.000Z');
    expect(nextFetchAfterFailure(now, 30, 400).toISOString()).toBe('2030-01-02T00:00:00.000Z');
  });

  it('parses the feed in full at least daily even when it answers 304', () => {
    expect(needsFullParse(null, now)).toBe(true);
    expect(needsFullParse('2029-12-31T00:00:01Z', now)).toBe(false);
    expect(needsFullParse('2029-12-31T00:00:00Z', now)).toBe(true);
  });
});
