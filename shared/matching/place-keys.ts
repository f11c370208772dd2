/**
 * Keys that make two spellings of one place compare equal. A city key is normalized the way
 * shared/events/duplicate-slots.ts `placeKey` does it ("Frankfurt am Main" → "frankfurt-am-main"),
 * then mapped through the gazetteer's aliases to one canonical key ("München" and "Munich" → "munich").
 * Memoized: a batch repeats the same few hundred cities, countries and organizations.
 */
import { normalizedTitle } from '../events/duplicate-slots.ts';
import { countryFromCode, countryFromName } from '../feeds/country-names.ts';
import { GAZETTEER_CITIES } from './city-coordinates.ts';
import { memoized, wordsOf } from './match-words.ts';

let canonicalByKey: Map<string, string> | null = null;

function rawCityKey(city: string): string {
  return normalizedTitle(city).replace(/ /g, '-');
}

function aliasTable(): Map<string, string> {
  if (canonicalByKey) return canonicalByKey;
  canonicalByKey = new Map();
  for (const city of GAZETTEER_CITIES) {
    const canonical = rawCityKey(city.name);
    for (const alias of city.aliases) canonicalByKey.set(rawCityKey(alias), canonical);
  }
  return canonicalByKey;
}

/** The canonical key of a city name, or '' when the name has no letters or digits. */
export const cityKeyOf = memoized((city: string): string => {
  const key = rawCityKey(city);
  return aliasTable().get(key) ?? key;
});

/** One key per country however it is written ("DE", "Deutschland", "germany" → "germany"). */
export const countryKeyOf = memoized((country: string): string => {
  const trimmed = country.trim();
  const name = countryFromName(trimmed) ?? (trimmed.length === 2 ? countryFromCode(trimmed) : null);
  return wordsOf(name ?? trimmed);
});

/** Organizations compare case-insensitively and ignore punctuation ("CNCF Berlin" = "cncf-berlin"). */
export const organizationKeyOf = memoized((organization: string): string => wordsOf(organization));
