/**
 * Matching one user against the batch's index. Every step reads only posting lists the user's
 * profile names; no step looks at all events.
 *
 * 1. Reach: events of the user's topics in a city they are near, and online events with a venue
 *    there; events of what they follow, wherever they are; events with a keyword in title, tags or
 *    organization at a place they reach (online, or a near city); online events of their rarer
 *    topics. Topic and keyword hits are counted on the way.
 * 2. Mark, from posting lists again: hidden events, muted words and sources, sources and
 *    organizations like the dismissed ones, keywords in descriptions.
 * 3. Score the reached events with the reference's weights and keep the best (candidate-pass.ts).
 * 4. Online events of the user's common topics, class by class, soonest first, until none can
 *    still make it (online-topic-classes.ts); then, for a reader who wants everything near them,
 *    likewise the events near them that have nothing but nearness for them (near-only-walk.ts).
 * 5. Word the reasons of the chosen few.
 *
 * Nothing else can qualify: an event needs a topic, a headline keyword or a follow (or nearness, for
 * a reader who wants everything near them); an in-person one needs nearness, whatever else it has;
 * an online one not near the reader needs to start in their waking hours.
 */
import type { UserProfile } from '../users/user-profile.ts';
import {
  awakeFor,
  type CandidatePass,
  countTagsMarked,
  settle,
  showableStart,
  startPass,
} from './candidate-pass.ts';
import { followOf } from './evaluate-event.ts';
import {
  countryKeyAt,
  FACT_CITY,
  FACT_FLAGS,
  FACT_STRIDE,
  MENTORSHIP_FLAG,
  ONLINE_FLAG,
} from './event-facts.ts';
import type { EventIndex } from './event-index.ts';
import { markDescriptionKeywords, markExclusions, markSimilarity } from './mark-candidates.ts';
import { reasonsFor, sectionFor } from './match-reasons.ts';
import {
  DESCRIBED,
  DESCRIPTION,
  FOLLOWED,
  HEADLINE,
  nextEpoch,
  SCORED_HEADLINE,
  STAMP_STRIDE,
  TOPIC_HITS,
  TOUCHED,
} from './match-scratch.ts';
import type { MatchedEvent, MatchOptions, UserMatches } from './match-types.ts';
import { soonness } from './match-weights.ts';
import { considerNearOnlyEvents } from './near-only-walk.ts';
import { nearMatch } from './nearby-places.ts';
import { considerOnlineTopicEvents } from './online-topic-classes.ts';
import { compareWithPrevious } from './previous-digest.ts';
import { compareIds, countOption, DEFAULT_MAX_EVENTS, DEFAULT_MAX_PER_ORGANIZATION } from './rank-matches.ts';
import { inHeadline, reachCandidates } from './reach-candidates.ts';
import { type UserMatchContext, userMatchContext } from './user-match-context.ts';

export function matchEventsForUser(
  index: EventIndex,
  profile: UserProfile,
  options: MatchOptions,
): UserMatches {
  const user = userMatchContext(profile, options);
  const previous = compareWithPrevious(options.previous, (id) => index.storedById.get(id), user);
  const maxEvents = countOption(options.maxEvents, DEFAULT_MAX_EVENTS);
  const maxPerGroup = Math.min(
    maxEvents,
    countOption(options.maxPerOrganization, DEFAULT_MAX_PER_ORGANIZATION),
  );
  if (maxPerGroup === 0 || index.events.length === 0) return { matches: [], changes: previous.changes };

  const first = runPass(index, user, previous.hiddenIds, maxEvents, maxPerGroup);
  const matches = first.best.map((ordinal) => matched(first, ordinal));
  if (matches.length === maxEvents || !first.capped) {
    return { matches: matches.map(withoutStart), changes: previous.changes };
  }
  // The cap left room: the best of what it held back fill it, found by a pass without the cap (they
  // are all among its best maxEvents).
  const chosen = new Set(first.best);
  const open = runPass(index, user, previous.hiddenIds, maxEvents, maxEvents);
  const extras = open.best
    .filter((ordinal) => !chosen.has(ordinal))
    .slice(0, maxEvents - matches.length)
    .map((ordinal) => matched(open, ordinal));
  return {
    matches: [...matches, ...extras].sort(compareMatched).map(withoutStart),
    changes: previous.changes,
  };
}

function withoutStart({ startMs: _startMs, ...match }: RankedMatch): MatchedEvent {
  return match;
}

/** Steps 1–4 with one cap per organization. */
function runPass(
  index: EventIndex,
  user: UserMatchContext,
  hiddenIds: ReadonlySet<string>,
  maxEvents: number,
  maxPerGroup: number,
): CandidatePass {
  const epoch = nextEpoch(index.scratch);
  const reach = reachCandidates(index, user, epoch);
  markExclusions(index, user, hiddenIds, epoch);
  markSimilarity(index, user, epoch);
  const touched = markDescriptionKeywords(index, user, epoch, reach);
  const pass = startPass(index, user, epoch, maxEvents, maxPerGroup);
  for (let i = 0; i < touched; i++) considerReached(pass, index.scratch.touched[i] as number);
  if (user.onlineOk) considerOnlineTopicEvents(pass, reach.commonTopicBits);
  if (user.everythingNearMe) considerNearOnlyEvents(pass);
  return pass;
}

/** The ranking order (rank-matches.ts) of two matched events: score, start for the reader, id. */
function compareMatched(a: RankedMatch, b: RankedMatch): number {
  return b.score - a.score || a.startMs - b.startMs || compareIds(a.event.id, b.event.id);
}

type RankedMatch = MatchedEvent & { readonly startMs: number };

function bitCount(mask: number): number {
  let bits = mask - ((mask >>> 1) & 0x55555555);
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return (((bits + (bits >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Step 3: the rules for one reached event, and its score. */
function considerReached(pass: CandidatePass, ordinal: number): void {
  const { index, user, epoch } = pass;
  const scratch = index.scratch;
  const startMs = showableStart(pass, ordinal);
  if (Number.isNaN(startMs)) return;
  const at = ordinal * STAMP_STRIDE;
  const factsAt = ordinal * FACT_STRIDE;
  const flags = index.facts[factsAt + FACT_FLAGS] as number;
  const city = index.facts[factsAt + FACT_CITY] as number;
  const isNear = city >= 0 && scratch.nearCityAt[city] === epoch;
  const followed = scratch.stamps[at + FOLLOWED] === epoch;
  const online = (flags & ONLINE_FLAG) !== 0;
  if (online ? !user.onlineOk && !isNear : !isNear) return;
  const near = isNear ? nearMatch(scratch.nearPlaces[city], countryKeyAt(index, ordinal)) : null;
  if (online ? !user.onlineOk && near === null : near === null) return;
  if (online && near === null && !awakeFor(pass, ordinal, startMs)) return;

  // Counted on the way where the user reaches the event's place: in-person events in a near city,
  // keywords online or there. Anything else is read from the event (few: follows far away, online).
  const topics =
    !online && isNear
      ? (scratch.stamps[at + TOPIC_HITS] as number)
      : countTagsMarked(index, ordinal, scratch.topicTagAt, epoch);
  const headline =
    (online && user.onlineOk) || isNear
      ? (scratch.stamps[at + HEADLINE] as number)
      : headlineMaskOf(pass, ordinal);
  if (topics === 0 && headline === 0 && !followed && (near === null || !user.everythingNearMe)) return;
  scratch.stamps[at + SCORED_HEADLINE] = headline;
  const described =
    scratch.stamps[at + DESCRIBED] === epoch ? (scratch.stamps[at + DESCRIPTION] as number) & ~headline : 0;
  settle(
    pass,
    ordinal,
    startMs,
    followed,
    topics,
    headline === 0 ? 0 : bitCount(headline),
    described === 0 ? 0 : bitCount(described),
    near === null ? 0 : near.score,
    (flags & MENTORSHIP_FLAG) !== 0,
    soonness(startMs, user.nowMs, user.windowToMs),
  );
}

function headlineMaskOf(pass: CandidatePass, ordinal: number): number {
  let mask = 0;
  pass.user.keywords.forEach((keyword, bit) => {
    if (inHeadline(pass.index, ordinal, keyword)) mask |= 1 << bit;
  });
  return mask >>> 0;
}

/** Step 5: the chosen event with its reasons, from what the pass knows of it. */
function matched(pass: CandidatePass, ordinal: number): RankedMatch {
  const { index, user, epoch } = pass;
  const { stamps, ranked, nearCityAt, nearPlaces } = index.scratch;
  const event = index.events[ordinal];
  if (event === undefined) throw new Error(`matching: no event at ordinal ${ordinal}`);
  const at = ordinal * STAMP_STRIDE;
  // Events not reached one by one came in with a topic class or a near city: no headline keyword.
  const headline = stamps[at + TOUCHED] === epoch ? (stamps[at + SCORED_HEADLINE] as number) : 0;
  const described = stamps[at + DESCRIBED] === epoch ? (stamps[at + DESCRIPTION] as number) & ~headline : 0;
  const city = index.facts[ordinal * FACT_STRIDE + FACT_CITY] as number;
  const near = city >= 0 && nearCityAt[city] === epoch ? nearMatch(nearPlaces[city], event.countryKey) : null;
  const facts = {
    topics: user.topics.filter((topic) => event.tags.includes(topic)),
    headlineKeywords: user.keywords
      .filter((_, bit) => (headline >>> bit) & 1)
      .map((keyword) => keyword.label),
    descriptionKeywords: user.keywords
      .filter((_, bit) => (described >>> bit) & 1)
      .map((keyword) => keyword.label),
    follow: stamps[at + FOLLOWED] === epoch ? followOf(event, user) : null,
    near,
    city: event.event.place?.city ?? '',
    mentorship: event.mentorship,
    online: event.online,
  };
  return {
    event: event.event,
    score: ranked[ordinal * 2] as number,
    reasons: reasonsFor(facts),
    section: sectionFor(facts),
    startMs: ranked[ordinal * 2 + 1] as number,
  };
}
