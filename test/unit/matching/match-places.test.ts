import { describe, expect, it } from 'vitest';
import { haversineKm } from '../../../shared/matching/great-circle.ts';
import { citiesNamed } from '../../../shared/places/gazetteer.ts';
import type { PlacePreference } from '../../../shared/users/user-profile.ts';
import { ids, matchBoth, shown, storedEvent, userProfile } from '../../support/matching-fixtures.ts';

const place = (city: string, country: string | null) => ({ name: null, address: null, city, country });
/** A point in Berlin-Charlottenburg, 8 km from the centre of Berlin and 19 km from Potsdam's: GeoNames centres. */
const charlottenburg = { latitude: 52.5, longitude: 13.3 };
const point = (radiusKm: number): PlacePreference => ({
  kind: 'point',
  label: 'home',
  ...charlottenburg,
  radiusKm,
});
const potsdam = citiesNamed('Potsdam', 'DE')[0] ?? { latitude: Number.NaN, longitude: Number.NaN };
const toPotsdamKm = haversineKm(
  charlottenburg.latitude,
  charlottenburg.longitude,
  potsdam.latitude,
  potsdam.longitude,
);

const berlinEvent = storedEvent({ id: 'berlin', place: place('Berlin', 'Germany') });
const potsdamEvent = storedEvent({ id: 'potsdam', place: place('Potsdam', 'Germany') });

describe('places: near a named city, or within a radius of a point', () => {
  it('takes every gazetteer city whose centre is within the radius, closer scoring higher, with its distance', () => {
    const result = matchBoth(
      [potsdamEvent, berlinEvent],
      userProfile({ everythingNearMe: true, places: [point(25)] }),
    );
    // 4 − 2 × distance / radius, plus 0.5 for starting mid-window.
    expect(shown(result)).toEqual([
      ['berlin', 3.86, '8 km away', 'near-you'],
      ['potsdam', 2.95, '19 km away', 'near-you'],
    ]);
  });

  it('counts a city exactly at the radius as inside, and one a metre beyond as outside', () => {
    expect(
      ids(matchBoth([potsdamEvent], userProfile({ everythingNearMe: true, places: [point(toPotsdamKm)] }))),
    ).toEqual(['potsdam']);
    expect(
      shown(
        matchBoth([potsdamEvent], userProfile({ everythingNearMe: true, places: [point(toPotsdamKm)] })),
      )[0]?.[1],
    ).toBe(2.5);
    expect(
      ids(
        matchBoth(
          [potsdamEvent],
          userProfile({ everythingNearMe: true, places: [point(toPotsdamKm - 0.001)] }),
        ),
      ),
    ).toEqual([]);
  });

  it('says "in <city>" when the point is within half a kilometre of the city centre', () => {
    const manhattan: PlacePreference = {
      kind: 'point',
      label: 'Manhattan',
      latitude: 40.7128,
      longitude: -74.006,
      radiusKm: 25,
    };
    const events = [
      storedEvent({ id: 'new-york', place: place('New York', 'United States') }),
      storedEvent({ id: 'brooklyn', place: place('Brooklyn', 'United States') }),
      storedEvent({ id: 'stamford', place: place('Stamford', 'United States') }),
    ];
    expect(shown(matchBoth(events, userProfile({ everythingNearMe: true, places: [manhattan] })))).toEqual([
      ['new-york', 4.49, 'in New York', 'near-you'],
      ['brooklyn', 3.83, '8 km away', 'near-you'],
    ]);
  });

  it('knows a city by its other names, and by any spelling of its name', () => {
    const events = [
      storedEvent({ id: 'munchen', place: place('München', 'Deutschland') }),
      storedEvent({ id: 'frankfurt', place: place('Frankfurt am Main', 'Germany') }),
    ];
    const profile = userProfile({
      everythingNearMe: true,
      places: [
        { kind: 'city', city: 'munich', country: 'DE' },
        { kind: 'city', city: 'FRANKFURT', country: null },
      ],
    });
    expect(shown(matchBoth(events, profile)).map(([id, , reasons]) => [id, reasons])).toEqual([
      ['frankfurt', 'in Frankfurt am Main'],
      ['munchen', 'in München'],
    ]);
  });

  it('keeps cities of one name apart by country when both sides name one', () => {
    const events = [
      storedEvent({ id: 'uk', place: place('Cambridge', 'United Kingdom') }),
      storedEvent({ id: 'us', place: place('Cambridge', 'United States') }),
      storedEvent({ id: 'unknown-country', place: place('Cambridge', null) }),
    ];
    const profile = userProfile({
      everythingNearMe: true,
      places: [{ kind: 'city', city: 'Cambridge', country: 'GB' }],
    });
    expect(ids(matchBoth(events, profile))).toEqual(['uk', 'unknown-country']);
    const anywhere = userProfile({
      everythingNearMe: true,
      places: [{ kind: 'city', city: 'Cambridge', country: null }],
    });
    expect(ids(matchBoth(events, anywhere))).toEqual(['uk', 'unknown-country', 'us']);
  });

  it('uses the best of several places', () => {
    const profile = userProfile({
      everythingNearMe: true,
      places: [point(25), { kind: 'city', city: 'Potsdam', country: null }],
    });
    expect(shown(matchBoth([potsdamEvent], profile))).toEqual([['potsdam', 4.5, 'in Potsdam', 'near-you']]);
  });
});
