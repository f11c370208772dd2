/**
 * One user's pass over the index: the running choice of best events, and the last rules every
 * candidate goes through before it can join it.
 *
 * Taking greedily from the ranked list with a per-organization cap is the same as taking the best
 * `maxEvents` among each organization's best `maxPerGroup`. So `best` holds the best `maxEvents` of
 * the groups' current best lists; when a group drops an event for a better one, the better one takes
 * its place in `best` too. The score of the last event in a full `best` (the threshold) only ever
 * rises, so a candidate scoring below it can be passed over at once: it would never be chosen.
 */
import { sourceKinds } from '../sources/source.ts';
import {
  FACT_ALL_DAY,
  FACT_FLAGS,
  FACT_GROUP,
  FACT_ID_RANK,
  FACT_STRIDE,
  FACT_TAGS_FROM,
  FACT_TAGS_TO,
  KIND_SHIFT,
  SOURCES_SHIFT,
} from './event-facts.ts';
import type { EventIndex } from './event-index.ts';
import { startMsInZone } from './event-start.ts';
import { EXCLUDED, MUTED_HITS, MUTED_SOURCES, SIMILAR, STAMP_STRIDE } from './match-scratch.ts';
import { penaltyScore, scoreFrom } from './match-weights.ts';
import type { UserMatchContext } from './user-match-context.ts';
import { isAwakeAt } from './waking-hours.ts';

export interface CandidatePass {
  readonly index: EventIndex;
  readonly user: UserMatchContext;
  readonly epoch: number;
  readonly maxEvents: number;
  readonly maxPerGroup: number;
  readonly kindMask: number;
  /** All-day starts in the user's zone, by all-day ordinal (NaN until computed). */
  readonly zoneStarts: Float64Array;
  readonly checkMutedSources: boolean;
  readonly checkSimilarTags: boolean;
  /** Ordinals, best first. */
  readonly best: number[];
  threshold: number;
  /** The per-organization cap held an event back. */
  capped: boolean;
}

export function startPass(
  index: EventIndex,
  user: UserMatchContext,
  epoch: number,
  maxEvents: number,
  maxPerGroup: number,
): CandidatePass {
  let kindMask = 0;
  sourceKinds.forEach((kind, bit) => {
    if (user.kinds.has(kind)) kindMask |= 1 << bit;
  });
  let zoneStarts = index.allDayStartsByZone.get(user.zone);
  if (zoneStarts === undefined) {
    zoneStarts = new Float64Array(index.allDayLocalMs.length).fill(Number.NaN);
    index.allDayStartsByZone.set(user.zone, zoneStarts);
  }
  return {
    index,
    user,
    epoch,
    maxEvents,
    maxPerGroup,
    kindMask,
    zoneStarts,
    checkMutedSources: user.mutedSources.size > 0,
    checkSimilarTags: user.similarTags.size > 0,
    best: [],
    threshold: Number.NEGATIVE_INFINITY,
    capped: false,
  };
}

/**
 * The event's start for this user when it may be shown (kind wanted, not hidden, starting within
 * the window), else NaN.
 */
export function showableStart(pass: CandidatePass, ordinal: number): number {
  const { index, user } = pass;
  if (index.scratch.stamps[ordinal * STAMP_STRIDE + EXCLUDED] === pass.epoch) return Number.NaN;
  const at = ordinal * FACT_STRIDE;
  if ((((index.facts[at + FACT_FLAGS] as number) >>> KIND_SHIFT) & pass.kindMask) === 0) return Number.NaN;
  const allDay = index.facts[at + FACT_ALL_DAY] as number;
  let startMs = index.startMs[ordinal] as number;
  if (allDay >= 0) {
    startMs = pass.zoneStarts[allDay] as number;
    if (Number.isNaN(startMs)) {
      startMs = startMsInZone(Number.NaN, index.allDayLocalMs[allDay] as number, user.zone);
      pass.zoneStarts[allDay] = startMs;
    }
  }
  return startMs < user.nowMs || startMs >= user.windowToMs ? Number.NaN : startMs;
}

/** An online event's start is in the reader's waking hours (all-day events have no hour: always). */
export function awakeFor(pass: CandidatePass, ordinal: number, startMs: number): boolean {
  return (
    (pass.index.facts[ordinal * FACT_STRIDE + FACT_ALL_DAY] as number) >= 0 ||
    isAwakeAt(pass.user.awake, startMs)
  );
}

/**
 * The last rules (muted sources, similarity to dismissed events, a score above zero) for a candidate
 * with a positive signal, and its place among the best. The signals are those of scoreFrom.
 */
export function settle(
  pass: CandidatePass,
  ordinal: number,
  startMs: number,
  followed: boolean,
  topics: number,
  headlineKeywords: number,
  descriptionKeywords: number,
  near: number,
  mentorship: boolean,
  soon: number,
): void {
  const { index, epoch } = pass;
  const { stamps, ranked } = index.scratch;
  const unpenalized = scoreFrom(
    followed,
    topics,
    headlineKeywords,
    descriptionKeywords,
    near,
    mentorship,
    soon,
    0,
  );
  // Everything below only lowers a score or drops the event: one already below the bar stays there.
  if (unpenalized < pass.threshold) return;
  const at = ordinal * STAMP_STRIDE;
  if (
    pass.checkMutedSources &&
    stamps[at + MUTED_SOURCES] === epoch &&
    stamps[at + MUTED_HITS] === (index.facts[ordinal * FACT_STRIDE + FACT_FLAGS] as number) >>> SOURCES_SHIFT
  ) {
    return;
  }
  const similar = stamps[at + SIMILAR] === epoch;
  const sharedTags = pass.checkSimilarTags ? sharedTagCount(index, ordinal, epoch) : 0;
  const score =
    similar || sharedTags > 0
      ? scoreFrom(
          followed,
          topics,
          headlineKeywords,
          descriptionKeywords,
          near,
          mentorship,
          soon,
          penaltyScore(similar, sharedTags),
        )
      : unpenalized;
  if (score <= 0 || score < pass.threshold) return;
  ranked[ordinal * 2] = score;
  ranked[ordinal * 2 + 1] = startMs;
  if (admit(pass, ordinal) && pass.best.length === pass.maxEvents) {
    pass.threshold = ranked[(pass.best[pass.maxEvents - 1] as number) * 2] as number;
  }
}

/** How many of the event's tags a user's topics (or the dismissed events' tags) are. */
export function countTagsMarked(
  index: EventIndex,
  ordinal: number,
  marks: Uint32Array,
  epoch: number,
): number {
  let count = 0;
  const end = index.facts[ordinal * FACT_STRIDE + FACT_TAGS_TO] as number;
  for (let t = index.facts[ordinal * FACT_STRIDE + FACT_TAGS_FROM] as number; t < end; t++) {
    if (marks[index.tagIds[t] as number] === epoch) count++;
  }
  return count;
}

function sharedTagCount(index: EventIndex, ordinal: number, epoch: number): number {
  return countTagsMarked(index, ordinal, index.scratch.similarTagAt, epoch);
}

/** Returns whether `best` changed. */
function admit(pass: CandidatePass, ordinal: number): boolean {
  const { index, best } = pass;
  const scratch = index.scratch;
  const group = index.facts[ordinal * FACT_STRIDE + FACT_GROUP] as number;
  const groupBest = scratch.groupBest[group] as number[];
  if (scratch.groupAt[group] !== pass.epoch) {
    scratch.groupAt[group] = pass.epoch;
    groupBest.length = 0;
  }
  const dropped = insertBounded(index, groupBest, ordinal, pass.maxPerGroup);
  if (dropped !== -1) pass.capped = true;
  if (dropped === ordinal) return false;
  if (dropped !== -1) {
    const position = best.indexOf(dropped);
    if (position !== -1) best.splice(position, 1);
  }
  insertBounded(index, best, ordinal, pass.maxEvents);
  return true;
}

/** True when a ranks before b: higher score, then earlier start, then lower id. */
function ranksBefore(index: EventIndex, a: number, b: number): boolean {
  const ranked = index.scratch.ranked;
  const scoreA = ranked[a * 2] as number;
  const scoreB = ranked[b * 2] as number;
  if (scoreA !== scoreB) return scoreA > scoreB;
  const startA = ranked[a * 2 + 1] as number;
  const startB = ranked[b * 2 + 1] as number;
  if (startA !== startB) return startA < startB;
  const facts = index.facts;
  return (
    (facts[a * FACT_STRIDE + FACT_ID_RANK] as number) < (facts[b * FACT_STRIDE + FACT_ID_RANK] as number)
  );
}

/** Inserts into a best-first list of at most `limit`; returns what fell off the end (maybe `ordinal`), or -1. */
function insertBounded(index: EventIndex, list: number[], ordinal: number, limit: number): number {
  if (list.length === limit && !ranksBefore(index, ordinal, list[limit - 1] as number)) return ordinal;
  let position = list.length;
  while (position > 0 && ranksBefore(index, ordinal, list[position - 1] as number)) position--;
  list.splice(position, 0, ordinal);
  return list.length > limit ? (list.pop() as number) : -1;
}
