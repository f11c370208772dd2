import type { StoredEvent } from '../events/stored-event.ts';
import { wordListOf } from '../matching/match-words.ts';
import type { NearPlace } from '../matching/nearby-places.ts';
import { cityKeyOf, countryKeyOf, organizationKeyOf } from '../matching/place-keys.ts';
import type { SourceKind } from '../sources/source.ts';

/*
 * What a person browsing events can narrow them by, as plain data, and the one test of an event
 * against it. Pages, the JSON API and the topic and organization pages all filter through here.
 *
 *   topic      a vocabulary id the event is tagged with
 *   kind       the kind of its source (industry event, professional organization, …)
 *   org        an organization key (organizationKeyOf): its source's organization or its organizer
 *   city       a city key (cityKeyOf, so "München" finds "Munich"), or the cities near a place
 *   online     online only (true) or in person only (false)
 *   q          words that must all appear in title, description, organization or place; a word
 *              matches the start of a word ("kube" finds "Kubernetes"), accents and case ignored
 */

export interface BrowseFilter {
  readonly topic?: string;
  readonly kind?: SourceKind;
  /** organizationKeyOf of the organization. */
  readonly organizationKey?: string;
  /** cityKeyOf of the city: the event's city has this key. */
  readonly cityKey?: string;
  /** Or: the event's city is one of these (nearbyPlaces of a point with a radius). */
  readonly near?: ReadonlyMap<string, readonly NearPlace[]>;
  readonly online?: boolean;
  /** The search words (searchWordsOf), all of which must be found. */
  readonly words?: readonly string[];
  /** Removed events are left out unless asked for (the API's includeRemoved). */
  readonly includeRemoved?: boolean;
}

/** The words of a search, folded as event text is; at most 8 count. */
export function searchWordsOf(query: string | undefined): string[] {
  if (!query) return [];
  return [...new Set(wordListOf(query))].slice(0, 8);
}

/** True when nothing narrows the list (everything upcoming). */
export function isUnfiltered(filter: BrowseFilter): boolean {
  return (
    filter.topic === undefined &&
    filter.kind === undefined &&
    filter.organizationKey === undefined &&
    filter.cityKey === undefined &&
    filter.near === undefined &&
    filter.online === undefined &&
    (filter.words ?? []).length === 0
  );
}

/** The organization keys an event stands for: its source's organization and its organizer. */
export function organizationKeysOf(event: Pick<StoredEvent, 'organization' | 'organizer'>): string[] {
  const keys = [event.organization, event.organizer]
    .map((name) => (name ? organizationKeyOf(name) : ''))
    .filter((key) => key !== '');
  return [...new Set(keys)];
}

/** The city an event is in, as a key, '' when it names none (the parsed city, else nothing). */
function cityKeyOfEvent(event: StoredEvent): string {
  const city = event.place?.city;
  return city ? cityKeyOf(city) : '';
}

function isNear(event: StoredEvent, near: ReadonlyMap<string, readonly NearPlace[]>): boolean {
  const key = cityKeyOfEvent(event);
  if (key === '') return false;
  const places = near.get(key);
  if (!places) return false;
  const country = event.place?.country ? countryKeyOf(event.place.country) : '';
  return places.some((place) => place.countryKey === '' || country === '' || place.countryKey === country);
}

/** Every word of the text an event is searched by, folded. */
function searchableWordsOf(event: StoredEvent): string[] {
  return wordListOf(
    [
      event.title,
      event.description,
      event.organization ?? '',
      event.organizer ?? '',
      event.location ?? '',
      event.place?.name ?? '',
      event.place?.city ?? '',
      event.place?.country ?? '',
    ].join('\n'),
  );
}

function hasAllWords(event: StoredEvent, words: readonly string[]): boolean {
  const found = searchableWordsOf(event);
  return words.every((word) => found.some((candidate) => candidate.startsWith(word)));
}

/** Does the event pass every part of the filter? */
export function matchesBrowseFilter(event: StoredEvent, filter: BrowseFilter): boolean {
  if (event.removed && !filter.includeRemoved) return false;
  if (filter.topic !== undefined && !event.tags.includes(filter.topic)) return false;
  if (filter.kind !== undefined && event.kind !== filter.kind) return false;
  if (filter.online !== undefined && event.online !== filter.online) return false;
  if (filter.organizationKey !== undefined && !organizationKeysOf(event).includes(filter.organizationKey))
    return false;
  if (filter.cityKey !== undefined && cityKeyOfEvent(event) !== filter.cityKey) return false;
  if (filter.near !== undefined && !isNear(event, filter.near)) return false;
  const words = filter.words ?? [];
  if (words.length > 0 && !hasAllWords(event, words)) return false;
  return true;
}
