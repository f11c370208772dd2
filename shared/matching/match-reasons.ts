/** Why an event matched, in a few short human words, most important first; and its digest section. */
import type { DigestSectionId } from '../digest/digest-model.ts';
import { TOPICS } from '../topics/topic-vocabulary.ts';
import { FOLLOW_WEIGHT, keywordScore, MENTORSHIP_WEIGHT, topicScore } from './match-weights.ts';
import type { NearPlace } from './nearby-places.ts';

export const MAX_REASONS = 3;
/** A reason names at most this many topics or keywords. */
const MAX_NAMED = 3;

const topicLabels: ReadonlyMap<string, string> = new Map(TOPICS.map((topic) => [topic.id, topic.label]));

export interface MatchFacts {
  /** Matched topic ids, in the user's order. */
  readonly topics: readonly string[];
  /** Matched keywords as the user wrote them: in the title, tags or organization first, then description-only. */
  readonly headlineKeywords: readonly string[];
  readonly descriptionKeywords: readonly string[];
  /** Null when not followed; `by` is the organization named, null for a followed source without one. */
  readonly follow: { readonly by: string | null } | null;
  readonly near: NearPlace | null;
  readonly city: string;
  readonly mentorship: boolean;
  readonly online: boolean;
}

export function reasonsFor(facts: MatchFacts): string[] {
  const reasons: { readonly weight: number; readonly text: string }[] = [];
  if (facts.topics.length > 0) {
    const names = facts.topics.slice(0, MAX_NAMED).map((id) => topicLabels.get(id) ?? id);
    reasons.push({ weight: topicScore(facts.topics.length), text: `matches: ${names.join(', ')}` });
  }
  const keywords = [...facts.headlineKeywords, ...facts.descriptionKeywords];
  if (keywords.length > 0) {
    const label = keywords.length === 1 ? 'keyword' : 'keywords';
    reasons.push({
      weight: keywordScore(facts.headlineKeywords.length, facts.descriptionKeywords.length),
      text: `${label}: ${keywords.slice(0, MAX_NAMED).join(', ')}`,
    });
  }
  if (facts.follow) {
    reasons.push({
      weight: FOLLOW_WEIGHT,
      text: facts.follow.by === null ? 'from a source you follow' : `follows ${facts.follow.by}`,
    });
  }
  if (facts.near) reasons.push({ weight: facts.near.score, text: nearReason(facts.near, facts.city) });
  if (facts.mentorship) reasons.push({ weight: MENTORSHIP_WEIGHT, text: 'mentorship program' });
  // A stable sort: equal weights keep the order above (topics, keywords, follow, place, kind).
  return reasons
    .sort((a, b) => b.weight - a.weight)
    .slice(0, MAX_REASONS)
    .map((reason) => reason.text);
}

/**
 * "12 km away" is the distance from the user's point to the centre of the event's city; under half a
 * kilometre "0 km away" would read like a bug, so it says which city instead, as a named city does.
 */
function nearReason(near: NearPlace, city: string): string {
  const km = near.distanceKm === null ? 0 : Math.round(near.distanceKm);
  return km === 0 ? `in ${city}` : `${km} km away`;
}

/** Mentorship programs have their own section; then what came from a follow; then online; then near you. */
export function sectionFor(facts: MatchFacts): DigestSectionId {
  if (facts.mentorship) return 'mentorship';
  if (facts.follow) return 'organizations';
  if (facts.online && facts.near === null) return 'online';
  return 'near-you';
}
