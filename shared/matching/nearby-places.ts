/**
 * Where a user counts as "near": the city keys their place preferences cover, resolved once per user.
 * A named city covers itself; a point with a radius covers every gazetteer city whose centre lies
 * within the radius (boundary included), scored by distance.
 */

import { countryFromCode } from '../feeds/country-names.ts';
import { forEachCityWithin } from '../places/gazetteer.ts';
import type { PlacePreference } from '../users/user-profile.ts';
import { NEAR_CITY_WEIGHT, nearPointScore } from './match-weights.ts';
import { cityKeyOf, countryKeyOf } from './place-keys.ts';

export interface NearPlace {
  readonly score: number;
  /** The country the city must be in, '' when any (a named city without a country). */
  readonly countryKey: string;
  /** From the point to the city's centre; null for a named city. */
  readonly distanceKm: number | null;
}

const countryKeyOfCode = (code: string) => countryKeyOf(countryFromCode(code) ?? code);

/** City key → the ways the user is near a city of that name (usually one). */
export function nearbyPlaces(places: readonly PlacePreference[]): Map<string, NearPlace[]> {
  const near = new Map<string, NearPlace[]>();
  const add = (key: string, place: NearPlace) => {
    const list = near.get(key);
    if (list) list.push(place);
    else near.set(key, [place]);
  };
  for (const place of places) {
    if (place.kind === 'city') {
      const key = cityKeyOf(place.city);
      if (key === '') continue;
      add(key, {
        score: NEAR_CITY_WEIGHT,
        countryKey: place.country ? countryKeyOf(place.country) : '',
        distanceKm: null,
      });
      continue;
    }
    const { latitude, longitude, radiusKm } = place;
    if (!(radiusKm >= 0) || !Number.isFinite(latitude) || !Number.isFinite(longitude)) continue;
    forEachCityWithin(latitude, longitude, radiusKm, (city, distanceKm) => {
      add(cityKeyOf(city.name), {
        score: nearPointScore(distanceKm, radiusKm),
        countryKey: countryKeyOfCode(city.countryCode),
        distanceKm,
      });
    });
  }
  return near;
}

/**
 * The best way an event's city is near the user, or null. A country on either side that differs
 * rules a place out (Cambridge, UK is not Cambridge, MA); a country missing on either side does not.
 * Best: the higher score; on a tie a named city, then the nearer point.
 */
export function nearMatch(places: readonly NearPlace[] | undefined, countryKey: string): NearPlace | null {
  if (places === undefined) return null;
  let best: NearPlace | null = null;
  for (const place of places) {
    if (place.countryKey !== '' && countryKey !== '' && place.countryKey !== countryKey) continue;
    if (best === null || isBetter(place, best)) best = place;
  }
  return best;
}

function isBetter(place: NearPlace, than: NearPlace): boolean {
  if (place.score !== than.score) return place.score > than.score;
  if (than.distanceKm === null) return false;
  return place.distanceKm === null || place.distanceKm < than.distanceKm;
}
