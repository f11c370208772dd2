import { ianaZoneRules, type ZoneCache, type ZoneRules } from './zone-rules.ts';

const DAY_MS = 86_400_000;
const SLOT_MS = 15 * 60_000;
/** Beyond this many entries a cache map starts over (a hostile feed could spread dates over millennia). */
const MAX_CACHE_ENTRIES = 100_000;

/**
 * The UTC instant of a wall-clock time in an IANA zone, following RFC 5545 3.3.5: a time in a
 * spring-forward gap is read with the offset before the gap, an ambiguous time of a fall-back is its
 * first occurrence. Fields may overflow (day 32, hour 25) and are normalized like Date.UTC does.
 * Throws RangeError for a zone Intl does not know.
 */
export function wallTimeToUtcMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  timeZone: string,
): number {
  return localMsToUtcMs(ianaZoneRules(timeZone), Date.UTC(year, month - 1, day, hour, minute, second));
}

/**
 * Same as wallTimeToUtcMs for any zone rules, the wall-clock time given as "local milliseconds"
 * (its fields read as if they were UTC). Cached, with results equal to localMsToUtcMsUncached: a
 * local day whose offset is the same from a day before it to a day after it converts with that
 * offset (that is what the exact conversion computes for it, as tz data never has two transitions
 * within three days); the days around a transition are cached per 15-minute slot when the offset is
 * the same at both ends of the slot (transitions never come twice within 15 minutes), and converted
 * exactly otherwise.
 */
export function localMsToUtcMs(rules: ZoneRules, localMs: number): number {
  const { cache } = rules;
  const day = Math.floor(localMs / DAY_MS);
  let offset = cache.dayOffset.get(day);
  if (offset === undefined) {
    offset = uniformOffsetOfDay(rules, day);
    remember(cache.dayOffset, day, offset);
  }
  if (!Number.isNaN(offset)) return localMs - offset;
  const slot = Math.floor(localMs / SLOT_MS);
  offset = cache.slotOffset.get(slot);
  if (offset === undefined) {
    const slotStart = slot * SLOT_MS;
    const atStart = slotStart - localMsToUtcMsUncached(rules, slotStart);
    const atEnd = slotStart + SLOT_MS - 1000 - localMsToUtcMsUncached(rules, slotStart + SLOT_MS - 1000);
    offset = atStart === atEnd ? atStart : Number.NaN;
    remember(cache.slotOffset, slot, offset);
  }
  return Number.isNaN(offset) ? localMsToUtcMsUncached(rules, localMs) : localMs - offset;
}

/**
 * An offset no larger than any the zone has from `utcMs` to a day later: the smaller of the offsets
 * at the start of its day and two days on, as tz data never has two transitions within three days.
 * Cached per day, like the conversions.
 */
export function smallestOffsetWithinDay(rules: ZoneRules, utcMs: number): number {
  const day = Math.floor(utcMs / DAY_MS);
  return Math.min(offsetAtDayStart(rules, day), offsetAtDayStart(rules, day + 2));
}

/** The offset of every wall time of a local day, or NaN when it may vary. */
function uniformOffsetOfDay(rules: ZoneRules, day: number): number {
  // The exact conversion looks at offsets up to a day either side of the wall time.
  const offset = offsetAtDayStart(rules, day - 1);
  for (let probe = day; probe <= day + 2; probe++) {
    if (offsetAtDayStart(rules, probe) !== offset) return Number.NaN;
  }
  return offset;
}

function offsetAtDayStart(rules: ZoneRules, day: number): number {
  const cached = rules.cache.offsetAtDayStart.get(day);
  if (cached !== undefined) return cached;
  const offset = rules.offsetAt(day * DAY_MS);
  remember(rules.cache.offsetAtDayStart, day, offset);
  return offset;
}

function remember(map: ZoneCache[keyof ZoneCache], key: number, value: number): void {
  if (map.size >= MAX_CACHE_ENTRIES) map.clear();
  map.set(key, value);
}

/** The exact conversion (RFC 5545 3.3.5), without any cache. */
export function localMsToUtcMsUncached(rules: ZoneRules, localMs: number): number {
  // Offsets never exceed ±15 h, so the true instant lies between these two probes.
  const offsetBefore = rules.offsetAt(localMs - DAY_MS);
  const offsetAfter = rules.offsetAt(localMs + DAY_MS);
  const withBefore = localMs - offsetBefore;
  if (offsetBefore === offsetAfter) return withBefore;
  const withAfter = localMs - offsetAfter;
  const beforeFits = rules.offsetAt(withBefore) === offsetBefore;
  const afterFits = rules.offsetAt(withAfter) === offsetAfter;
  if (beforeFits && afterFits) return Math.min(withBefore, withAfter); // fall-back overlap: first occurrence
  if (afterFits) return withAfter;
  return withBefore; // fits, or the time is in a gap: read it with the offset before the gap
}
