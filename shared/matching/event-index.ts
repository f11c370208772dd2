/**
 * The inverted index one worker batch matches every user against. Built once from the window's
 * events; a user's candidates come only from its posting lists (event ordinals, ascending):
 *
 *   byCity                 events of a city (in person: mentorship   → "near" candidates
 *                          programs / others; online with a venue)
 *   byTagAtCity            city → tag → events                       → topic matches near the user
 *   onlineByTag,           online events of a tag (a bitmap for      → topic matches online
 *   onlineTagBits          tags many online events have)
 *   byHeadlineTermAtPlace  place ('online' or a city) → word or      → keyword matches where the user
 *                          word pair of title/tags/organization        can go, never the world's
 *   byOrganization,        organization and organizer (normalized),  → follows, wherever they are
 *   bySource               every source listing the event
 *   phrasePostings         phrase → events with it in the text,      → muted words, description
 *                          filled on first use (phrase-postings.ts)    keywords
 *
 * Cancelled and removed events are in no list (they never match); `storedById` still knows them, for
 * the changes since the previous digest.
 */
import type { StoredEvent } from '../events/stored-event.ts';
import { sourceKinds } from '../sources/source.ts';
import type { ZoneRules } from '../time/zone-rules.ts';
import {
  FACT_ALL_DAY,
  FACT_CITY,
  FACT_COUNTRY,
  FACT_FLAGS,
  FACT_GROUP,
  FACT_ID_RANK,
  FACT_STRIDE,
  FACT_TAGS_FROM,
  FACT_TAGS_TO,
  KIND_SHIFT,
  MENTORSHIP_FLAG,
  ONLINE_FLAG,
  SOURCES_SHIFT,
} from './event-facts.ts';
import { createMatchScratch, type MatchScratch } from './match-scratch.ts';
import {
  addPosting,
  EMPTY_POSTING,
  frozen,
  frozenByPlace,
  listsAt,
  type PostingLists,
} from './posting-lists.ts';
import { headlineTermsOf, type PreparedEvent, prepareEvent } from './prepared-event.ts';
import { compareIds } from './rank-matches.ts';

export const ONLINE_PLACE = 'online';

/** Zones run up to 14 hours ahead of UTC (Pacific/Kiritimati): the earliest any all-day date begins. */
export const ALL_DAY_EARLIEST_SHIFT_MS = 14 * 3_600_000;

/** The events of one city. */
export interface CityPostings {
  /** In person, from mentorship programs. */
  readonly mentorship: Int32Array;
  /** In person, the others. */
  readonly others: Int32Array;
  /** Online with a venue there (hybrid). */
  readonly hybrid: Int32Array;
}

export interface EventIndex {
  /** By ordinal: the eligible events only, in start order. */
  readonly events: readonly PreparedEvent[];
  readonly ordinalById: ReadonlyMap<string, number>;
  readonly storedById: ReadonlyMap<string, StoredEvent>;
  /** FACT_STRIDE numbers per event (event-facts.ts). */
  readonly facts: Int32Array;
  /**
   * The order of the ordinals: a timed event's start, an all-day event's date at UTC midnight. A
   * reader's start of an all-day event is at most ALL_DAY_EARLIEST_SHIFT_MS before it.
   */
  readonly sortKeyMs: Float64Array;
  /** Timed events' start instants; NaN for all-day events. */
  readonly startMs: Float64Array;
  readonly allDayLocalMs: Float64Array;
  /** All-day starts per reader zone, filled on first use (NaN until then). */
  readonly allDayStartsByZone: Map<ZoneRules, Float64Array>;
  readonly tagIds: Int32Array;
  readonly tagIdByName: ReadonlyMap<string, number>;
  readonly cityOrdinalByKey: ReadonlyMap<string, number>;
  readonly countryKeys: readonly string[];
  readonly byCity: ReadonlyMap<string, CityPostings>;
  readonly byTagAtCity: ReadonlyMap<string, ReadonlyMap<string, Int32Array>>;
  /** Online events of a tag, for tags few online events have. */
  readonly onlineByTag: ReadonlyMap<string, Int32Array>;
  /**
   * Online events of a tag many online events have, as a bitmap over `onlineOrdinals` (bit b of word
   * w is onlineOrdinals[32w + b]): counting a user's topics per event is then a few word operations.
   */
  readonly onlineTagBits: ReadonlyMap<string, Uint32Array>;
  readonly mentorshipOnlineBits: Uint32Array;
  readonly onlineOrdinals: Int32Array;
  /** The inverse: an event's bit in the online bitmaps, -1 for in-person events. */
  readonly onlineBitOf: Int32Array;
  readonly onlineWords: number;
  readonly byHeadlineTermAtPlace: ReadonlyMap<string, ReadonlyMap<string, Int32Array>>;
  readonly byOrganization: ReadonlyMap<string, Int32Array>;
  readonly bySource: ReadonlyMap<string, Int32Array>;
  readonly phrasePostings: Map<string, Int32Array>;
  /** Per-user working memory, reused (matching is synchronous, so users never share it at once). */
  readonly scratch: MatchScratch;
}

/** A sort key for start order; all-day dates at their UTC midnight (the order only speeds matching up). */
const sortStart = (event: PreparedEvent) => (Number.isNaN(event.startMs) ? event.localDayMs : event.startMs);

function ordinalOf(ordinals: Map<string, number>, key: string): number {
  let ordinal = ordinals.get(key);
  if (ordinal === undefined) {
    ordinal = ordinals.size;
    ordinals.set(key, ordinal);
  }
  return ordinal;
}

export function buildEventIndex(events: readonly StoredEvent[]): EventIndex {
  const storedById = new Map<string, StoredEvent>();
  for (const event of events) storedById.set(event.id, event);
  // Ordinals follow start order: posting lists then list the soonest events first, which lets a
  // user's threshold rise early and lets walks stop early.
  const prepared = [...storedById.values()]
    .map(prepareEvent)
    .filter((event) => event.eligible)
    .sort((a, b) => sortStart(a) - sortStart(b) || compareIds(a.event.id, b.event.id));
  const count = prepared.length;

  const ordinalById = new Map<string, number>();
  const groupOrdinals = new Map<string, number>();
  const facts = new Int32Array(count * FACT_STRIDE);
  const mentorship: number[] = [];
  const sortKeyMs = new Float64Array(count);
  const startMs = new Float64Array(count);
  const allDayLocalMs: number[] = [];
  const tagIdByName = new Map<string, number>();
  const tagIds: number[] = [];
  const cityOrdinalByKey = new Map<string, number>();
  const countryOrdinalByKey = new Map<string, number>();
  const onlineOrdinals: number[] = [];

  const cityMentorship: PostingLists = new Map();
  const cityOthers: PostingLists = new Map();
  const cityHybrid: PostingLists = new Map();
  const byTagAtCity = new Map<string, PostingLists>();
  const onlineByTag: PostingLists = new Map();
  const byHeadlineTermAtPlace = new Map<string, PostingLists>();
  const byOrganization: PostingLists = new Map();
  const bySource: PostingLists = new Map();

  prepared.forEach((event, ordinal) => {
    ordinalById.set(event.event.id, ordinal);
    const at = ordinal * FACT_STRIDE;
    const kindIndex = sourceKinds.indexOf(event.kind);
    facts[at + FACT_FLAGS] =
      (event.online ? ONLINE_FLAG : 0) |
      (event.mentorship ? MENTORSHIP_FLAG : 0) |
      ((kindIndex < 0 ? 0 : 1 << kindIndex) << KIND_SHIFT) |
      (Math.min(255, event.sourceIds.length) << SOURCES_SHIFT);
    facts[at + FACT_GROUP] = ordinalOf(groupOrdinals, event.groupKey);
    facts[at + FACT_COUNTRY] =
      event.countryKey === '' ? -1 : ordinalOf(countryOrdinalByKey, event.countryKey);
    sortKeyMs[ordinal] = sortStart(event);
    startMs[ordinal] = event.startMs;
    if (Number.isNaN(event.localDayMs)) facts[at + FACT_ALL_DAY] = -1;
    else {
      facts[at + FACT_ALL_DAY] = allDayLocalMs.length;
      allDayLocalMs.push(event.localDayMs);
    }
    if (event.online) onlineOrdinals.push(ordinal);
    if (event.mentorship) mentorship.push(ordinal);

    const hasCity = event.cityKey !== '';
    facts[at + FACT_CITY] = hasCity ? ordinalOf(cityOrdinalByKey, event.cityKey) : -1;
    if (hasCity) {
      const cityList = event.online ? cityHybrid : event.mentorship ? cityMentorship : cityOthers;
      addPosting(cityList, event.cityKey, ordinal);
    }
    facts[at + FACT_TAGS_FROM] = tagIds.length;
    const cityTags = hasCity ? listsAt(byTagAtCity, event.cityKey) : undefined;
    for (const tag of event.tags) {
      tagIds.push(ordinalOf(tagIdByName, tag));
      if (event.online) addPosting(onlineByTag, tag, ordinal);
      if (cityTags) addPosting(cityTags, tag, ordinal);
    }
    facts[at + FACT_TAGS_TO] = tagIds.length;
    const headlineTerms = event.online || hasCity ? headlineTermsOf(event) : [];
    if (event.online) {
      const terms = listsAt(byHeadlineTermAtPlace, ONLINE_PLACE);
      for (const term of headlineTerms) addPosting(terms, term, ordinal);
    }
    if (hasCity) {
      const terms = listsAt(byHeadlineTermAtPlace, event.cityKey);
      for (const term of headlineTerms) addPosting(terms, term, ordinal);
    }
    for (const key of event.organizationKeys) addPosting(byOrganization, key, ordinal);
    for (const sourceId of event.sourceIds) addPosting(bySource, sourceId, ordinal);
  });

  const idOrder = prepared.map((_, ordinal) => ordinal);
  idOrder.sort((a, b) => compareIds(prepared[a]?.event.id ?? '', prepared[b]?.event.id ?? ''));
  idOrder.forEach((ordinal, rank) => {
    facts[ordinal * FACT_STRIDE + FACT_ID_RANK] = rank;
  });

  const bitmaps = onlineBitmaps(count, onlineOrdinals, onlineByTag, mentorship);
  return {
    events: prepared,
    ordinalById,
    storedById,
    facts,
    sortKeyMs,
    startMs,
    allDayLocalMs: Float64Array.from(allDayLocalMs),
    allDayStartsByZone: new Map(),
    tagIds: Int32Array.from(tagIds),
    tagIdByName,
    cityOrdinalByKey,
    countryKeys: [...countryOrdinalByKey.keys()],
    byCity: cityPostings(cityOrdinalByKey, frozen(cityMentorship), frozen(cityOthers), frozen(cityHybrid)),
    byTagAtCity: frozenByPlace(byTagAtCity),
    onlineByTag: bitmaps.sparse,
    onlineTagBits: bitmaps.dense,
    mentorshipOnlineBits: bitmaps.mentorship,
    onlineOrdinals: Int32Array.from(onlineOrdinals),
    onlineBitOf: bitmaps.bitOf,
    onlineWords: bitmaps.words,
    byHeadlineTermAtPlace: frozenByPlace(byHeadlineTermAtPlace),
    byOrganization: frozen(byOrganization),
    bySource: frozen(bySource),
    phrasePostings: new Map(),
    scratch: createMatchScratch({
      events: count,
      groups: groupOrdinals.size,
      tags: tagIdByName.size,
      cities: cityOrdinalByKey.size,
      onlineWords: bitmaps.words,
    }),
  };
}

function cityPostings(
  cities: ReadonlyMap<string, number>,
  mentorship: ReadonlyMap<string, Int32Array>,
  others: ReadonlyMap<string, Int32Array>,
  hybrid: ReadonlyMap<string, Int32Array>,
): Map<string, CityPostings> {
  const result = new Map<string, CityPostings>();
  for (const key of cities.keys()) {
    result.set(key, {
      mentorship: mentorship.get(key) ?? EMPTY_POSTING,
      others: others.get(key) ?? EMPTY_POSTING,
      hybrid: hybrid.get(key) ?? EMPTY_POSTING,
    });
  }
  return result;
}

interface OnlineBitmaps {
  readonly words: number;
  readonly bitOf: Int32Array;
  /** Tags few online events have, as lists. */
  readonly sparse: Map<string, Int32Array>;
  readonly dense: Map<string, Uint32Array>;
  readonly mentorship: Uint32Array;
}

function onlineBitmaps(
  count: number,
  onlineOrdinals: readonly number[],
  onlineByTag: PostingLists,
  mentorship: readonly number[],
): OnlineBitmaps {
  const words = Math.ceil(onlineOrdinals.length / 32);
  const bitOf = new Int32Array(count).fill(-1);
  onlineOrdinals.forEach((ordinal, bit) => {
    bitOf[ordinal] = bit;
  });
  const toBits = (posting: readonly number[]) => {
    const bits = new Uint32Array(words);
    for (const ordinal of posting) {
      const bit = bitOf[ordinal] as number;
      bits[bit >>> 5] = (bits[bit >>> 5] as number) | (1 << (bit & 31));
    }
    return bits;
  };
  // A bitmap pays for itself once a tag has about as many online events as the bitmap has words.
  const denseFrom = Math.max(64, words);
  const sparse = new Map<string, Int32Array>();
  const dense = new Map<string, Uint32Array>();
  for (const [tag, posting] of onlineByTag) {
    if (posting.length >= denseFrom) dense.set(tag, toBits(posting));
    else sparse.set(tag, Int32Array.from(posting));
  }
  const mentors = toBits(mentorship.filter((ordinal) => bitOf[ordinal] !== -1));
  return { words, bitOf, sparse, dense, mentorship: mentors };
}
