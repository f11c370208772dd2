/**
 * The gazetteer: the world's cities of at least 15,000 people (and capitals and regional seats) from
 * GeoNames (CC BY 4.0), trimmed at build time by build-gazetteer.ts into cities15000.tsv (~830 KB,
 * ~420 KB gzipped). It is read from that file on first use, never bundled into a Lambda's code: a
 * function that reads it needs the file next to its bundle (or TRELLIS_GAZETTEER_FILE naming it).
 *
 * Without the file every lookup finds nothing (with one warning on stderr): a place then reads as
 * written, and a radius covers no city.
 */
import { readFileSync } from 'node:fs';
import { normalizedTitle } from '../events/duplicate-slots.ts';
import { haversineKm, kmPerDegreeOfLatitude } from '../matching/great-circle.ts';
import { CITY_NAME_GROUPS } from './city-aliases.ts';

export interface GazetteerCity {
  readonly name: string;
  /** ISO 3166-1 alpha-2. */
  readonly countryCode: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly population: number;
}

interface Gazetteer {
  /** By name key (aliases read as their group's first name), most populous first. */
  readonly byKey: ReadonlyMap<string, readonly GazetteerCity[]>;
  /** Every city, by latitude (ascending), and those latitudes, for a band search. */
  readonly byLatitude: readonly GazetteerCity[];
  readonly latitudes: Float64Array;
}

const DEFAULT_FILE = new URL('./cities15000.tsv', import.meta.url);
const KM_PER_DEGREE = kmPerDegreeOfLatitude;
const RADIANS = Math.PI / 180;

let loaded: Gazetteer | null = null;

/** A name as a key: case, accents and punctuation ignored ("Frankfurt am Main" → "frankfurt-am-main"). */
export function rawNameKey(name: string): string {
  return normalizedTitle(name).replace(/ /g, '-');
}

let aliasByKey: Map<string, string> | null = null;

/** The key a city name stands for: its own, or its group's first name's when it is an alias. */
export function canonicalNameKey(name: string): string {
  aliasByKey ??= new Map(
    CITY_NAME_GROUPS.flatMap((group) =>
      group.map((alias) => [rawNameKey(alias), rawNameKey(group[0] ?? '')]),
    ),
  );
  const key = rawNameKey(name);
  return aliasByKey.get(key) ?? key;
}

function readRows(): GazetteerCity[] {
  const file = process.env.TRELLIS_GAZETTEER_FILE || DEFAULT_FILE;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(
      `gazetteer: cannot read ${String(file)} (${(error as Error).message}); places read as written\n`,
    );
    return [];
  }
  const cities: GazetteerCity[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [name = '', countryCode = '', latitude = '', longitude = '', population = ''] = line.split('\t');
    cities.push({
      name,
      countryCode,
      latitude: Number(latitude),
      longitude: Number(longitude),
      population: Number(population),
    });
  }
  return cities;
}

function gazetteer(): Gazetteer {
  if (loaded) return loaded;
  const cities = readRows();
  const byKey = new Map<string, GazetteerCity[]>();
  // Rows come most populous first, so every list stays in that order.
  for (const city of cities) {
    const key = canonicalNameKey(city.name);
    const list = byKey.get(key);
    if (list) list.push(city);
    else byKey.set(key, [city]);
  }
  const byLatitude = [...cities].sort((a, b) => a.latitude - b.latitude);
  loaded = { byKey, byLatitude, latitudes: Float64Array.from(byLatitude, (city) => city.latitude) };
  return loaded;
}

/** Cities of that name (any of its names), in that country when one is given; most populous first. */
export function citiesNamed(name: string, countryCode: string | null = null): readonly GazetteerCity[] {
  const all = gazetteer().byKey.get(canonicalNameKey(name)) ?? [];
  return countryCode === null ? all : all.filter((city) => city.countryCode === countryCode);
}

/**
 * Calls `visit` with every city within `radiusKm` of the point (boundary included) and its distance.
 * A band of latitude is found by binary search; longitude rules out most of the band before the
 * haversine is computed.
 */
export function forEachCityWithin(
  latitude: number,
  longitude: number,
  radiusKm: number,
  visit: (city: GazetteerCity, distanceKm: number) => void,
): void {
  const { byLatitude, latitudes } = gazetteer();
  // No path is shorter than the one along the meridian; a degree of longitude is cos(latitude) of that.
  const latitudeReach = radiusKm / KM_PER_DEGREE + 1e-9;
  const from = latitude - latitudeReach;
  const to = latitude + latitudeReach;
  const nearestPole = Math.min(90, Math.max(Math.abs(from), Math.abs(to)));
  const cosine = Math.cos(nearestPole * RADIANS);
  const longitudeReach = cosine > 1e-6 ? latitudeReach / cosine : 360;
  let low = 0;
  let high = latitudes.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((latitudes[middle] as number) < from) low = middle + 1;
    else high = middle;
  }
  for (let i = low; i < latitudes.length && (latitudes[i] as number) <= to; i++) {
    const city = byLatitude[i] as GazetteerCity;
    const apart = Math.abs(city.longitude - longitude);
    if (Math.min(apart, 360 - apart) > longitudeReach) continue;
    const distanceKm = haversineKm(latitude, longitude, city.latitude, city.longitude);
    if (distanceKm <= radiusKm) visit(city, distanceKm);
  }
}

/** The `count` most populous cities, most populous first. */
export function largestCities(count: number): readonly GazetteerCity[] {
  return [...gazetteer().byLatitude].sort((a, b) => b.population - a.population).slice(0, count);
}
