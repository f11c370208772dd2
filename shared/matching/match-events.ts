/**
 * Interest matching: which of the coming events go into a user's weekly digest, in what order, and why.
 * The digest sender builds one index per worker batch and matches every user of the batch against it.
 */
export { buildEventIndex, type EventIndex } from './event-index.ts';
export { matchEventsNaively } from './match-naively.ts';
export type { MatchedEvent, MatchOptions, UserMatches } from './match-types.ts';
export { matchEventsForUser } from './match-with-index.ts';
export type { PreviousDigestEntry } from './previous-digest.ts';
