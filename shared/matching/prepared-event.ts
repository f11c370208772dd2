/**
 * An event in the form matching reads it: every text split into words once, keys computed once, so
 * that matching a user is comparisons only. Prepared once per worker batch (by the index), never per
 * user.
 */
import type { StoredEvent } from '../events/stored-event.ts';
import type { SourceKind } from '../sources/source.ts';
import { localDayMsOf } from './event-start.ts';
import { addTerms, memoized, searchableText, wordListOf } from './match-words.ts';
import { cityKeyOf, countryKeyOf, organizationKeyOf } from './place-keys.ts';

export interface PreparedEvent {
  readonly event: StoredEvent;
  /** Not cancelled, not removed, with a readable start: the only events that can ever match. */
  readonly eligible: boolean;
  /** Timed events: the start instant. All-day events: NaN (their start depends on the reader's zone). */
  readonly startMs: number;
  /** All-day events: the date at 00:00 as if it were UTC ("local milliseconds"). Timed events: NaN. */
  readonly localDayMs: number;
  readonly online: boolean;
  /** Canonical city key (place-keys.ts), '' when the event names no city. */
  readonly cityKey: string;
  /** Country key, '' when unknown. */
  readonly countryKey: string;
  /** Organization and organizer as written, each once, with their keys (same order). */
  readonly organizationNames: readonly string[];
  readonly organizationKeys: readonly string[];
  /** What the per-organization cap counts by: the organization, else the organizer, else the primary source. */
  readonly groupKey: string;
  /** Every source that lists the event, primary first, each once. */
  readonly sourceIds: readonly string[];
  readonly kind: SourceKind;
  readonly mentorship: boolean;
  /** The event's tags, each once. */
  readonly tags: readonly string[];
  /** Searchable texts (match-words.ts). */
  readonly titleText: string;
  readonly tagText: string;
  readonly organizationText: string;
  readonly descriptionText: string;
}

/** Feeds repeat the same tags and organizations on every entry. */
const tagWords = memoized(wordListOf);
const nameWords = memoized(wordListOf);
const termsOf = (words: readonly string[]) => {
  const terms: string[] = [];
  addTerms(words, terms);
  return terms;
};
const tagTerms = memoized((tag: string) => termsOf(tagWords(tag)));
const nameTerms = memoized((name: string) => termsOf(nameWords(name)));

export function prepareEvent(event: StoredEvent): PreparedEvent {
  const localDayMs = localDayMsOf(event.start);
  const startMs = Number.isNaN(localDayMs) ? Date.parse(event.start) : Number.NaN;
  const readableStart = !Number.isNaN(localDayMs) || !Number.isNaN(startMs);

  const organizationNames: string[] = [];
  const organizationKeys: string[] = [];
  for (const name of [event.organization, event.organizer]) {
    if (name === null) continue;
    const key = organizationKeyOf(name);
    if (key === '' || organizationKeys.includes(key)) continue;
    organizationNames.push(name.trim());
    organizationKeys.push(key);
  }
  const sourceIds = [...new Set([event.primarySourceId, ...event.sources.map((link) => link.sourceId)])];
  const tags = [...new Set(event.tags)];

  const title = wordListOf(event.title);
  const tagLists = tags.map(tagWords);
  const organizationLists = organizationNames.map(nameWords);

  return {
    event,
    eligible: event.status !== 'cancelled' && !event.removed && readableStart,
    startMs,
    localDayMs,
    online: event.online,
    cityKey: event.place?.city ? cityKeyOf(event.place.city) : '',
    countryKey: event.place?.country ? countryKeyOf(event.place.country) : '',
    organizationNames,
    organizationKeys,
    // The organization, else the organizer, else the primary source (one without either is one
    // organization). Keys of the two kinds never collide: an organization key has no '#'.
    groupKey: organizationKeys[0] ?? `source#${event.primarySourceId}`,
    sourceIds,
    kind: event.kind,
    mentorship: event.kind === 'mentorship-program',
    tags,
    titleText: searchableText([title]),
    tagText: searchableText(tagLists),
    organizationText: searchableText(organizationLists),
    descriptionText: searchableText([wordListOf(event.description)]),
  };
}

/**
 * Terms (match-words.ts) of title, tags and organizations, maybe repeated: what the index lists the
 * event under. Worked out while the index is built and not kept: a batch holds its 20,000 events
 * for its whole life, and these lists would be most of their size.
 */
export function headlineTermsOf(event: PreparedEvent): string[] {
  // Repeats are harmless: the index lists an event once per term however often it is added.
  const terms: string[] = [];
  addTerms(wordListOf(event.event.title), terms);
  for (const tag of event.tags) terms.push(...tagTerms(tag));
  for (const name of event.organizationNames) terms.push(...nameTerms(name));
  return terms;
}
