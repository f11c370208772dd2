import type { NearPlace } from '../matching/nearby-places.ts';
import { nearbyPlaces } from '../matching/nearby-places.ts';
import { citiesNamed } from '../places/gazetteer.ts';

/*
 * "Near a place" for browsing: a point (`52.52,13.40`) or a place name the gazetteer knows ("Munich",
 * "Garching bei München, Germany": the most populous city of that name), and a radius; the answer is
 * the cities within it, keyed as the matcher keys them (nearbyPlaces), so an event's city is near
 * when its key is among them.
 */

const POINT = /^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/;

export interface NearPoint {
  readonly latitude: number;
  readonly longitude: number;
}

/** The point a `near` value stands for, or null when it is neither a point nor a known place. */
export function nearPointOf(value: string): NearPoint | null {
  const point = POINT.exec(value);
  if (point) {
    const latitude = Number(point[1]);
    const longitude = Number(point[2]);
    return Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180 ? { latitude, longitude } : null;
  }
  const name = value.split(',')[0]?.trim() ?? '';
  const city = name === '' ? undefined : citiesNamed(name)[0];
  return city ? { latitude: city.latitude, longitude: city.longitude } : null;
}

/** The cities within `radiusKm` of the point, as the browse filter's `near`. */
export function citiesNear(point: NearPoint, radiusKm: number): Map<string, NearPlace[]> {
  return nearbyPlaces([{ kind: 'point', label: 'near', ...point, radiusKm }]);
}
