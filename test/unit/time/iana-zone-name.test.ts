import { describe, expect, it } from 'vitest';
import { everyZoneName, ianaZoneName } from '../../../shared/time/iana-zone-name.ts';

describe('everyZoneName', () => {
  it('lists every zone Intl knows by the name ianaZoneName gives it, UTC first, once each', () => {
    const zones = everyZoneName();
    const resolvedOneByOne = [
      ...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')].map((zone) => ianaZoneName(zone) ?? zone)),
    ];
    expect(zones).toEqual(resolvedOneByOne);
    expect(zones[0]).toBe('UTC');
    expect(new Set(zones).size).toBe(zones.length);
  });

  it('uses the names the tz database uses today', () => {
    expect(everyZoneName()).toContain('Asia/Kolkata');
    expect(everyZoneName()).toContain('Europe/Kyiv');
    expect(everyZoneName()).not.toContain('Asia/Calcutta');
  });
});
