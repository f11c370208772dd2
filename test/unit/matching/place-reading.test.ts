import { describe, expect, it } from 'vitest';
import { mergePlace, parseLocationText } from '../../../shared/feeds/place.ts';
import { haversineKm } from '../../../shared/matching/great-circle.ts';
import { citiesNamed } from '../../../shared/places/gazetteer.ts';
import { ids, matchBoth, storedEvent, userProfile } from '../../support/matching-fixtures.ts';

const cityOf = (text: string) => mergePlace(null, parseLocationText(text))?.city;

describe('reading places with the gazetteer', () => {
  it('reads the city before a region code and postal code', () => {
    expect(cityOf('MaRS Centre, 101 College St, Toronto, ON M5V 1M6, Canada')).toBe('Toronto');
    expect(cityOf('Fishburners, 11-31 York St, Sydney NSW 2000, Australia')).toBe('Sydney');
  });

  it('reads the city before a region written by name, when the gazetteer knows the city and not the region', () => {
    expect(cityOf('NASSCOM Warehouse, Koramangala, Bengaluru, Karnataka, India')).toBe('Bengaluru');
    expect(cityOf('Webel Bhavan, Salt Lake, Kolkata, West Bengal 700091, India')).toBe('Kolkata');
    // A venue and a city stay as they were.
    expect(cityOf('c-base, Rungestraße 20, 10179 Berlin, Germany')).toBe('Berlin');
  });

  it('knows towns around a city: Garching bei München is inside 40 km of Munich, Augsburg is not', () => {
    const munich = citiesNamed('München', 'DE')[0];
    const garching = citiesNamed('Garching bei München', 'DE')[0];
    expect(munich?.name).toBe('Munich');
    expect(
      garching &&
        munich &&
        haversineKm(munich.latitude, munich.longitude, garching.latitude, garching.longitude),
    ).toBeLessThan(20);
    const place = (city: string) => ({ name: null, address: null, city, country: 'Germany' });
    const events = [
      storedEvent({ id: 'garching', tags: ['ai-ml'], place: place('Garching bei München') }),
      storedEvent({ id: 'augsburg', tags: ['ai-ml'], place: place('Augsburg') }),
    ];
    const profile = userProfile({
      topics: ['ai-ml'],
      places: [{ kind: 'point', label: 'Munich', latitude: 48.137, longitude: 11.575, radiusKm: 40 }],
    });
    expect(ids(matchBoth(events, profile))).toEqual(['garching']);
  });
});
