/**
 * The numbers matching reads about an event, FACT_STRIDE of them per event in one Int32Array
 * (`EventIndex.facts`), so that one event's facts share a cache line: a user's candidates are
 * scattered over the index, and reading them from a dozen separate arrays cost a cache miss each.
 */
import type { EventIndex } from './event-index.ts';

export const FACT_STRIDE = 8;
/** ONLINE_FLAG | MENTORSHIP_FLAG | the kind's bit << KIND_SHIFT | how many sources list it << SOURCES_SHIFT. */
export const FACT_FLAGS = 0;
/** Index into EventIndex.allDayLocalMs, or -1 for a timed event. */
export const FACT_ALL_DAY = 1;
/** City ordinal, -1 without a city. */
export const FACT_CITY = 2;
/** Index into EventIndex.countryKeys, -1 when unknown. */
export const FACT_COUNTRY = 3;
/** The event's tag ids are EventIndex.tagIds[FACT_TAGS_FROM … FACT_TAGS_TO). */
export const FACT_TAGS_FROM = 4;
export const FACT_TAGS_TO = 5;
/** What the per-organization cap counts by. */
export const FACT_GROUP = 6;
/** Position of the event's id in id order: ties are broken by comparing two integers. */
export const FACT_ID_RANK = 7;

export const ONLINE_FLAG = 1;
export const MENTORSHIP_FLAG = 2;
/** 1 << (index in sourceKinds), shifted by this. */
export const KIND_SHIFT = 2;
export const SOURCES_SHIFT = 8;

/** The event's country key, '' when unknown (what nearMatch takes). */
export function countryKeyAt(index: EventIndex, ordinal: number): string {
  const country = index.facts[ordinal * FACT_STRIDE + FACT_COUNTRY] as number;
  return country < 0 ? '' : (index.countryKeys[country] ?? '');
}
