/**
 * Working memory for matching one user, kept with the index and reused for every user of the batch.
 * Per event, STAMP_STRIDE numbers in one Uint32Array (one cache line an event): stamps hold the
 * epoch of the user who set them, so nothing is cleared between users; a value is valid where its
 * stamp equals the current epoch. Matching is synchronous, so two users never use it at once.
 */
import type { NearPlace } from './nearby-places.ts';

export const STAMP_STRIDE = 16;
/** Reached through a posting list as a possible match (and listed in `touched`). */
export const TOUCHED = 0;
/** Never shown: not interested, shown before, a muted word. */
export const EXCLUDED = 1;
export const FOLLOWED = 2;
/** Like a source or organization the user marked not interested. */
export const SIMILAR = 3;
export const DESCRIBED = 4;
export const MUTED_SOURCES = 5;
/** Valid while TOUCHED: bit k, keyword k is in the title, tags or organization (for events reached at their place). */
export const HEADLINE = 8;
/** Valid while TOUCHED: how many of the user's topics an in-person event has (for events in a near city). */
export const TOPIC_HITS = 9;
/** Valid while TOUCHED: the headline mask the event was scored with, for wording its reasons. */
export const SCORED_HEADLINE = 10;
/** Valid while DESCRIBED: bit k, keyword k is in the description. */
export const DESCRIPTION = 11;
/** Valid while MUTED_SOURCES: how many of the event's sources the user muted. */
export const MUTED_HITS = 12;

export interface MatchScratch {
  epoch: number;
  readonly stamps: Uint32Array;
  /** Per event: the score and the start (in the user's zone) it was ranked with. */
  readonly ranked: Float64Array;
  readonly touched: Int32Array;
  /** By city ordinal: the user is near a city of that name, in these ways. */
  readonly nearCityAt: Uint32Array;
  readonly nearPlaces: (readonly NearPlace[] | undefined)[];
  /** By tag id: one of the user's topics / a tag of an event they marked not interested. */
  readonly topicTagAt: Uint32Array;
  readonly similarTagAt: Uint32Array;
  /** By group ordinal: the group's best candidates so far, best first. */
  readonly groupAt: Uint32Array;
  readonly groupBest: number[][];
  /** Per online-bitmap word: events with exactly 1, 2, 3, and at least 4 of the user's topics. */
  readonly topicLevels: Uint32Array;
}

export interface ScratchSizes {
  readonly events: number;
  readonly groups: number;
  readonly tags: number;
  readonly cities: number;
  readonly onlineWords: number;
}

export function createMatchScratch({
  events,
  groups,
  tags,
  cities,
  onlineWords,
}: ScratchSizes): MatchScratch {
  return {
    epoch: 0,
    stamps: new Uint32Array(events * STAMP_STRIDE),
    ranked: new Float64Array(events * 2),
    touched: new Int32Array(events),
    nearCityAt: new Uint32Array(cities),
    nearPlaces: new Array(cities).fill(undefined),
    topicTagAt: new Uint32Array(tags),
    similarTagAt: new Uint32Array(tags),
    groupAt: new Uint32Array(groups),
    groupBest: Array.from({ length: groups }, () => []),
    topicLevels: new Uint32Array(onlineWords * 4),
  };
}

/** A fresh epoch; when the counter would wrap, every stamp is cleared first. */
export function nextEpoch(scratch: MatchScratch): number {
  if (scratch.epoch >= 0xffff_fffe) {
    for (const stamps of [
      scratch.stamps,
      scratch.nearCityAt,
      scratch.topicTagAt,
      scratch.similarTagAt,
      scratch.groupAt,
    ]) {
      stamps.fill(0);
    }
    scratch.epoch = 0;
  }
  scratch.epoch += 1;
  return scratch.epoch;
}
