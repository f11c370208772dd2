/**
 * Places: reading a structured place out of a free-text location ("Kulturbrauerei, Schönhauser
 * Allee 36, 10435 Berlin, Germany"), merging it with what the feed structured itself, and writing
 * one display line back.
 */
import { citiesNamed } from '../places/gazetteer.ts';
import { countryFromCode, countryFromName } from './country-names.ts';
import type { EventPlace } from './feed-event.ts';
import { collapseWhitespace } from './text/tidy-text.ts';

const PART_SEPARATOR = /\s*[,;\n]\s*/;
const DIGIT = /\d/;
const TWO_LETTER_CODE = /^[A-Z]{2}$/;
/** "CA", "CA 94103": a US state, with or without a ZIP code. */
const US_STATE = /^([A-Z]{2})(?:\s+(\d{5}(?:-\d{4})?))?$/;
const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR'.split(
    ' ',
  ),
);
/**
 * First-level regions written by their code after the city: Canadian provinces and territories,
 * Australian states and territories ("Toronto, ON M5V 1M6", "Sydney NSW 2000").
 */
const REGION_CODES = new Set('AB BC MB NB NL NS NT NU ON PE QC SK YT NSW VIC QLD TAS ACT'.split(' '));
/** A region code with a postal code after it: "ON M5V 1M6", "NSW 2000", "QC H2X 1Y4". */
const REGION_WITH_POSTAL_CODE = /^([A-Z]{2,3})\s+(?:[A-Z]\d[A-Z]\s?\d[A-Z]\d|\d{4,6})$/;
const TRAILING_REGION_CODE = /\s+([A-Z]{2,3})$/;
/**
 * Postal codes written around a city: "10435 Berlin", "D-10435 Berlin", "1012 AB Amsterdam",
 * "1250-008 Lisboa", "00-950 Warszawa", "114 55 Stockholm", "London EC1V 9HX", "Springfield 62701".
 */
const LEADING_POSTAL_CODE =
  /^(?:[A-Z]{1,2}-)?(?:\d{4}-\d{3}|\d{2}-\d{3}|\d{3} \d{2}|\d{4,5})(?:\s?[A-Z]{2}(?=\s))?\s+/;
const TRAILING_POSTAL_CODE = /\s+(?:\d{4,6}|[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})$/;
const POSTAL_CODE_ONLY = /^(?:[A-Z]{1,2}-)?\d{4,6}$|^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/;

/** ISO codes that are also US state abbreviations: "Boston, MA" is not in Morocco. */
function isCountryCode(part: string): boolean {
  return TWO_LETTER_CODE.test(part) && !US_STATES.has(part);
}

/** What a comma-separated location says: first part the venue, a trailing country, the city before it. */
export function parseLocationText(text: string): Partial<EventPlace> {
  return readParts(splitParts(text), 'venue');
}

/** A written address ("Marienstraße 12, 70178 Stuttgart, Germany"): street, city, country; no venue. */
export function parseAddressText(text: string): Omit<EventPlace, 'name'> {
  const { address = null, city = null, country = null } = readParts(splitParts(text), 'street');
  return { address, city, country };
}

function splitParts(text: string): string[] {
  return text
    .split(PART_SEPARATOR)
    .map(collapseWhitespace)
    .filter((part) => part !== '');
}

function readParts(parts: readonly string[], firstPart: 'venue' | 'street'): Partial<EventPlace> {
  let end = parts.length;
  if (end === 0) return {};

  let country: string | null = null;
  const last = parts[end - 1] ?? '';
  country = countryFromName(last) ?? (isCountryCode(last) ? countryFromCode(last) : null);
  if (country !== null) end--;

  let cityIsLikely = country !== null;
  const state = end > 0 ? US_STATE.exec(parts[end - 1] ?? '') : null;
  if (state?.[1] && US_STATES.has(state[1])) {
    end--;
    cityIsLikely = true;
    if (state[2] !== undefined) country ??= countryFromCode('US');
  }
  // A region code ("ON M5V 1M6", "QC") or a postal code on its own ("London, EC1V 9HX") says the part
  // before it is the city.
  if (end > 1 && isRegionCode(parts[end - 1] ?? '')) {
    end--;
    cityIsLikely = true;
  }
  if (end > 1 && POSTAL_CODE_ONLY.test(parts[end - 1] ?? '')) {
    end--;
    cityIsLikely = true;
  }
  // A region by name ("Bengaluru, Karnataka, India"): the last part is no city the gazetteer knows
  // there, and the one before it is.
  if (end > 1 && isRegionAfterCity(parts[end - 2] ?? '', parts[end - 1] ?? '', country)) {
    end--;
    cityIsLikely = true;
  }

  let city: string | null = null;
  if (end > 0) {
    const candidate = parts[end - 1] ?? '';
    const cityName = withoutRegionCode(withoutPostalCode(candidate));
    const hadPostalCode = cityName !== candidate;
    // Without a country or a postal code, a last part is a city only after a venue and if it has no
    // digits: "Kulturbrauerei, Berlin" yes, "Building 4, Room 12" no, "Kulturbrauerei" alone no.
    if (cityIsLikely || hadPostalCode || (end >= 2 && !DIGIT.test(candidate))) {
      city = cityName.trim() || null;
      end--;
    }
  }

  const streetFrom = firstPart === 'venue' ? 1 : 0;
  const name = firstPart === 'venue' && end > 0 ? (parts[0] ?? null) : null;
  const address = end > streetFrom ? parts.slice(streetFrom, end).join(', ') : null;
  return { name, address, city, country };
}

/** The feed's own structured place first; the free text fills the gaps. Null when nothing is known. */
export function mergePlace(
  structured: Partial<EventPlace> | null,
  fromText: Partial<EventPlace> | null,
): EventPlace | null {
  const name = cleanPart(structured?.name) ?? cleanPart(fromText?.name);
  const address = cleanPart(structured?.address) ?? cleanPart(fromText?.address);
  const city = cleanPart(structured?.city) ?? cleanPart(fromText?.city);
  const country = canonicalCountry(cleanPart(structured?.country) ?? cleanPart(fromText?.country));
  if (name === null && address === null && city === null && country === null) return null;
  return { name, address, city, country };
}

/** One line, parts in order, none repeated ("Berlin" is not written twice when the address has it). */
export function placeLine(place: EventPlace): string | null {
  const written: string[] = [];
  const seen = new Set<string>();
  for (const part of [place.name, place.address, place.city, place.country]) {
    if (part === null) continue;
    const segments = part.split(PART_SEPARATOR);
    if (segments.every((segment) => seen.has(segment.toLowerCase()))) continue;
    written.push(part);
    for (const segment of segments) {
      seen.add(segment.toLowerCase());
      seen.add(withoutPostalCode(segment).toLowerCase());
    }
  }
  return written.length === 0 ? null : written.join(', ');
}

function isRegionCode(part: string): boolean {
  const withCode = REGION_WITH_POSTAL_CODE.exec(part);
  return withCode !== null || REGION_CODES.has(part);
}

/** "Sydney NSW" → "Sydney"; a name that is only a code stays. */
function withoutRegionCode(part: string): string {
  const code = TRAILING_REGION_CODE.exec(part);
  return code?.[1] && REGION_CODES.has(code[1]) ? part.slice(0, code.index) : part;
}

function isKnownCity(name: string, country: string | null): boolean {
  return citiesNamed(name).some((city) => country === null || countryFromCode(city.countryCode) === country);
}

/** `last` reads as a region of the city `before` it (neither looks like a street: no digits before). */
function isRegionAfterCity(before: string, last: string, country: string | null): boolean {
  const region = withoutPostalCode(last);
  if (region === '' || DIGIT.test(region) || DIGIT.test(before)) return false;
  return !isKnownCity(region, country) && isKnownCity(withoutPostalCode(before), country);
}

function withoutPostalCode(part: string): string {
  return part.replace(LEADING_POSTAL_CODE, '').replace(TRAILING_POSTAL_CODE, '');
}

function cleanPart(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const cleaned = collapseWhitespace(value);
  return cleaned === '' ? null : cleaned;
}

/** ISO codes ("DE") and common spellings ("Deutschland", "USA") become one English name; others stay as written. */
function canonicalCountry(country: string | null): string | null {
  if (country === null) return null;
  if (TWO_LETTER_CODE.test(country)) return countryFromCode(country) ?? country;
  return countryFromName(country) ?? country;
}
