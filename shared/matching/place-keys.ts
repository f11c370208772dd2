/**
 * Keys that make two spellings of one place compare equal. A city key is normalized the way
 * shared/events/duplicate-slots.ts `placeKey` does it ("Frankfurt am Main" → "frankfurt-am-main"),
 * then mapped through the city name groups (shared/places/city-aliases.ts) to one canonical key
 * ("München" and "Munich" → "munich").
 * Memoized: a batch repeats the same few hundred cities, countries and organizations.
 */
import { countryFromCode, countryFromName } from '../feeds/country-names.ts';
import { canonicalNameKey } from '../places/gazetteer.ts';
import { memoized, wordsOf } from './match-words.ts';

/** The canonical key of a city name, or '' when the name has no letters or digits. */
export const cityKeyOf = memoized(canonicalNameKey);

/** One key per country however it is written ("DE", "Deutschland", "germany" → "germany"). */
export const countryKeyOf = memoized((country: string): string => {
  const trimmed = country.trim();
  const name = countryFromName(trimmed) ?? (trimmed.length === 2 ? countryFromCode(trimmed) : null);
  return wordsOf(name ?? trimmed);
});

/** Organizations compare case-insensitively and ignore punctuation ("CNCF Berlin" = "cncf-berlin"). */
export const organizationKeyOf = memoized((organization: string): string => wordsOf(organization));
