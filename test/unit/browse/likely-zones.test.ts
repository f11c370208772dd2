import { describe, expect, it } from 'vitest';
import { likelyZones, maxLikelyZones, regionsOf } from '../../../shared/browse/likely-zones.ts';

const now = new Date('2030-01-15T12:00:00Z');

describe('likely time zones from Accept-Language', () => {
  it('reads the regions in order of preference, a bare language by its likely region', () => {
    expect(regionsOf('de;q=0.5, en-GB, fr-CA;q=0.8, *;q=0.1')).toEqual(['GB', 'CA', 'DE']);
    expect(regionsOf('en')).toEqual(['US']);
    expect(regionsOf(undefined)).toEqual([]);
    expect(regionsOf('not a tag, x-;q=abc')).toEqual([]);
  });

  it('gives one zone per clock of a region, the well-known city first, and a few of the next region', () => {
    const us = likelyZones('en-US,en;q=0.9', now);
    expect(us.slice(0, 4)).toEqual([
      'America/New_York',
      'America/Chicago',
      'America/Los_Angeles',
      'America/Denver',
    ]);
    expect(us.length).toBeLessThanOrEqual(maxLikelyZones);
    expect(likelyZones('de-DE,de;q=0.9,en;q=0.8', now)).toEqual([
      'Europe/Berlin',
      'America/New_York',
      'America/Chicago',
    ]);
    expect(likelyZones('en-IN', now)).toEqual(['Asia/Kolkata']);
    expect(likelyZones('', now)).toEqual([]);
  });
});
