/**
 * Every weight of the score, in one place. The order they encode: what the user explicitly follows
 * comes first, then their topics, then their own keywords, then where it is; the kind of event and how
 * soon it starts only break near-ties; "not interested" pushes similar events down.
 *
 *   follows the organization or source        12
 *   topics: the first matched / each more       10 / +3
 *   keywords in title, tags or organization     8 / +2   (first / each more)
 *   keywords only in the description            3 / +1   (adds to an event that qualifies otherwise)
 *   near, named city                            4
 *   near, point with radius                     4 at the point's city … 2 at the radius
 *   mentorship program (a kind the user wants)  3
 *   soonness                                    0 … 1    (starts now … starts at the window's end)
 *   not interested, same source/organization   −3
 *   not interested, each shared tag            −1        (penalties together at most −6)
 */

export const FOLLOW_WEIGHT = 12;
export const TOPIC_FIRST_WEIGHT = 10;
export const TOPIC_MORE_WEIGHT = 3;
export const KEYWORD_HEADLINE_FIRST_WEIGHT = 8;
export const KEYWORD_HEADLINE_MORE_WEIGHT = 2;
export const KEYWORD_DESCRIPTION_FIRST_WEIGHT = 3;
export const KEYWORD_DESCRIPTION_MORE_WEIGHT = 1;
export const NEAR_CITY_WEIGHT = 4;
export const NEAR_POINT_EDGE_WEIGHT = 2;
export const MENTORSHIP_WEIGHT = 3;
export const SOONNESS_WEIGHT = 1;
export const SIMILAR_SOURCE_PENALTY = 3;
export const SHARED_TAG_PENALTY = 1;
export const MAX_PENALTY = 6;

/** What is known of one event for one user, in numbers; both matchers compute exactly these. */
export interface SignalCounts {
  readonly topics: number;
  readonly headlineKeywords: number;
  readonly descriptionKeywords: number;
  readonly followed: boolean;
  /** 0 when not near. */
  readonly near: number;
  readonly mentorship: boolean;
  readonly soonness: number;
  readonly penalty: number;
}

export const topicScore = (count: number) =>
  count === 0 ? 0 : TOPIC_FIRST_WEIGHT + TOPIC_MORE_WEIGHT * (count - 1);

export function keywordScore(headline: number, description: number): number {
  const inHeadline =
    headline === 0 ? 0 : KEYWORD_HEADLINE_FIRST_WEIGHT + KEYWORD_HEADLINE_MORE_WEIGHT * (headline - 1);
  const inDescription =
    description === 0
      ? 0
      : KEYWORD_DESCRIPTION_FIRST_WEIGHT + KEYWORD_DESCRIPTION_MORE_WEIGHT * (description - 1);
  return inHeadline + inDescription;
}

/** Closer is better: the full weight at the point's own city, half of it at the edge of the radius. */
export function nearPointScore(distanceKm: number, radiusKm: number): number {
  const share = radiusKm > 0 ? Math.min(1, distanceKm / radiusKm) : 0;
  return NEAR_CITY_WEIGHT - (NEAR_CITY_WEIGHT - NEAR_POINT_EDGE_WEIGHT) * share;
}

/** 1 for an event starting now, 0 for one starting at the end of the window. */
export function soonness(startMs: number, nowMs: number, windowToMs: number): number {
  const span = windowToMs - nowMs;
  if (span <= 0) return 0;
  return SOONNESS_WEIGHT * (1 - Math.min(1, Math.max(0, (startMs - nowMs) / span)));
}

export function penaltyScore(similarSourceOrOrganization: boolean, sharedTags: number): number {
  return Math.min(
    MAX_PENALTY,
    (similarSourceOrOrganization ? SIMILAR_SOURCE_PENALTY : 0) + SHARED_TAG_PENALTY * sharedTags,
  );
}

/**
 * The score, rounded to hundredths so that ranking ties are real ties (and reproducible by hand). The
 * sum is always taken in this order, so both matchers get bit-identical numbers.
 */
export function scoreOf(signals: SignalCounts): number {
  return scoreFrom(
    signals.followed,
    signals.topics,
    signals.headlineKeywords,
    signals.descriptionKeywords,
    signals.near,
    signals.mentorship,
    signals.soonness,
    signals.penalty,
  );
}

/** scoreOf without an object, for the indexed matcher's inner loop. */
export function scoreFrom(
  followed: boolean,
  topics: number,
  headlineKeywords: number,
  descriptionKeywords: number,
  near: number,
  mentorship: boolean,
  soon: number,
  penalty: number,
): number {
  let score = followed ? FOLLOW_WEIGHT : 0;
  score += topicScore(topics);
  score += keywordScore(headlineKeywords, descriptionKeywords);
  score += near;
  if (mentorship) score += MENTORSHIP_WEIGHT;
  score += soon;
  score -= penalty;
  return Math.round(score * 100) / 100;
}

/**
 * An event qualifies only with a reason of its own: a topic, a keyword in its title, tags or
 * organization, or a follow. Nearness narrows (an in-person event must be near) but selects nothing
 * by itself, unless the reader asked for everything near them; nor does a keyword only in the
 * description, or being a mentorship program.
 */
export const hasPositiveSignal = (signals: SignalCounts, nearSelects: boolean) =>
  signals.topics > 0 || signals.headlineKeywords > 0 || signals.followed || (nearSelects && signals.near > 0);
