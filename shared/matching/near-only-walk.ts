/**
 * Events in a city the user is near that nothing but nearness brought in (no topic, keyword or
 * follow: those were candidates already) score alike per city — its nearness, whether a mentorship
 * program — and differ only by how soon they start and by penalties, which only lower a score. So
 * each city's list is walked in start order and left as soon as even its best possible score from
 * then on is below the threshold: for a user with topics, at once.
 */
import { type CandidatePass, settle, showableStart } from './candidate-pass.ts';
import { countryKeyAt } from './event-facts.ts';
import { ALL_DAY_EARLIEST_SHIFT_MS } from './event-index.ts';
import { STAMP_STRIDE, TOUCHED } from './match-scratch.ts';
import { scoreFrom, soonness } from './match-weights.ts';
import { type NearPlace, nearMatch } from './nearby-places.ts';

export function considerNearOnlyEvents(pass: CandidatePass): void {
  for (const [cityKey, places] of pass.user.near) {
    const postings = pass.index.byCity.get(cityKey);
    if (postings === undefined) continue;
    const nearest = Math.max(...places.map((place) => place.score));
    walk(pass, postings.mentorship, places, nearest, true);
    walk(pass, postings.others, places, nearest, false);
  }
}

/**
 * The best score a near-only event starting at `startMs` or later can have: scoreFrom itself, so that
 * it rounds exactly as an event's score does.
 */
function bestScore(pass: CandidatePass, nearest: number, mentorship: boolean, startMs: number): number {
  const soon = soonness(startMs, pass.user.nowMs, pass.user.windowToMs);
  return scoreFrom(false, 0, 0, 0, nearest, mentorship, soon, 0);
}

function walk(
  pass: CandidatePass,
  posting: Int32Array,
  places: readonly NearPlace[],
  nearest: number,
  mentorship: boolean,
): void {
  const { index, user, epoch } = pass;
  if (bestScore(pass, nearest, mentorship, user.nowMs) < pass.threshold) return;
  for (let i = 0; i < posting.length; i++) {
    const ordinal = posting[i] as number;
    // Every event after this one starts no earlier than this bound.
    const earliest = (index.sortKeyMs[ordinal] as number) - ALL_DAY_EARLIEST_SHIFT_MS;
    if (bestScore(pass, nearest, mentorship, earliest) < pass.threshold) return;
    if (index.scratch.stamps[ordinal * STAMP_STRIDE + TOUCHED] === epoch) continue;
    const startMs = showableStart(pass, ordinal);
    if (Number.isNaN(startMs)) continue;
    const near = nearMatch(places, countryKeyAt(index, ordinal));
    if (near === null) continue;
    settle(
      pass,
      ordinal,
      startMs,
      false,
      0,
      0,
      0,
      near.score,
      mentorship,
      soonness(startMs, user.nowMs, user.windowToMs),
    );
  }
}
