import { describe, expect, it } from 'vitest';
import { countryFromCode } from '../../../shared/feeds/country-names.ts';
import { GAZETTEER_CITIES } from '../../../shared/matching/city-coordinates.ts';
import { cityKeyOf } from '../../../shared/matching/place-keys.ts';

describe('the gazetteer', () => {
  it('holds a few hundred hubs with coordinates on Earth and real country codes', () => {
    expect(GAZETTEER_CITIES.length).toBeGreaterThanOrEqual(300);
    for (const city of GAZETTEER_CITIES) {
      expect(Math.abs(city.latitude), city.name).toBeLessThanOrEqual(90);
      expect(Math.abs(city.longitude), city.name).toBeLessThanOrEqual(180);
      expect(countryFromCode(city.countryCode), city.name).not.toBeNull();
    }
  });

  it('lists every city once per country, and no alias that names another listed city', () => {
    const keys = GAZETTEER_CITIES.map((city) => `${cityKeyOf(city.name)}/${city.countryCode}`);
    expect(new Set(keys).size).toBe(keys.length);
    const names = new Set(GAZETTEER_CITIES.map((city) => cityKeyOf(city.name)));
    for (const city of GAZETTEER_CITIES) {
      for (const alias of city.aliases) expect(cityKeyOf(alias), alias).toBe(cityKeyOf(city.name));
    }
    expect(names.has('new-york') && names.has('berlin') && names.has('london')).toBe(true);
  });

  it('knows every city of the demo feeds', () => {
    for (const city of ['Berlin', 'London', 'New York']) {
      expect(GAZETTEER_CITIES.some((entry) => entry.name === city)).toBe(true);
    }
  });
});
