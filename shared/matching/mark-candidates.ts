/**
 * Step 2 of matching with the index: marks from posting lists on the events that matter to a user —
 * what is never shown, what resembles what they dismissed, which keywords descriptions have.
 */
import { FACT_CITY, FACT_STRIDE } from './event-facts.ts';
import type { EventIndex } from './event-index.ts';
import {
  DESCRIBED,
  DESCRIPTION,
  EXCLUDED,
  MUTED_HITS,
  MUTED_SOURCES,
  SIMILAR,
  STAMP_STRIDE,
  TOUCHED,
} from './match-scratch.ts';
import { eventsWithPhraseInDescription, eventsWithPhraseInText } from './phrase-postings.ts';
import { EMPTY_POSTING } from './posting-lists.ts';
import { type Reach, touch } from './reach-candidates.ts';
import type { UserMatchContext } from './user-match-context.ts';

/** Never shown (not interested, shown before, a muted word), and muted-source counts. */
export function markExclusions(
  index: EventIndex,
  user: UserMatchContext,
  hiddenIds: ReadonlySet<string>,
  epoch: number,
): void {
  const stamps = index.scratch.stamps;
  for (const ids of [user.notInterestedIds, hiddenIds]) {
    for (const id of ids) {
      const ordinal = index.ordinalById.get(id);
      if (ordinal !== undefined) stamps[ordinal * STAMP_STRIDE + EXCLUDED] = epoch;
    }
  }
  for (const muted of user.mutedWords) {
    const posting = eventsWithPhraseInText(index, muted);
    for (let i = 0; i < posting.length; i++) stamps[(posting[i] as number) * STAMP_STRIDE + EXCLUDED] = epoch;
  }
  for (const sourceId of user.mutedSources) {
    const posting = index.bySource.get(sourceId) ?? EMPTY_POSTING;
    for (let i = 0; i < posting.length; i++) {
      const at = (posting[i] as number) * STAMP_STRIDE;
      if (stamps[at + MUTED_SOURCES] !== epoch) {
        stamps[at + MUTED_SOURCES] = epoch;
        stamps[at + MUTED_HITS] = 0;
      }
      stamps[at + MUTED_HITS] = (stamps[at + MUTED_HITS] as number) + 1;
    }
  }
}

/** What resembles the events the user marked not interested; which tags are the user's topics. */
export function markSimilarity(index: EventIndex, user: UserMatchContext, epoch: number): void {
  const scratch = index.scratch;
  const mark = (posting: Int32Array) => {
    for (let i = 0; i < posting.length; i++)
      scratch.stamps[(posting[i] as number) * STAMP_STRIDE + SIMILAR] = epoch;
  };
  for (const sourceId of user.similarSources) mark(index.bySource.get(sourceId) ?? EMPTY_POSTING);
  for (const key of user.similarOrganizations) mark(index.byOrganization.get(key) ?? EMPTY_POSTING);
  for (const tag of user.similarTags) {
    const id = index.tagIdByName.get(tag);
    if (id !== undefined) scratch.similarTagAt[id] = epoch;
  }
  for (const topic of user.topics) {
    const id = index.tagIdByName.get(topic);
    if (id !== undefined) scratch.topicTagAt[id] = epoch;
  }
}

/**
 * Keywords in descriptions. A description keyword lifts an event above the rest of its
 * topic class or city, so such events are judged one by one (reached) rather than with those.
 * Returns the new count of reached events.
 */
export function markDescriptionKeywords(
  index: EventIndex,
  user: UserMatchContext,
  epoch: number,
  reach: Reach,
): number {
  const { stamps, nearCityAt } = index.scratch;
  let count = reach.touched;
  const inNearCity = (ordinal: number) => {
    const city = index.facts[ordinal * FACT_STRIDE + FACT_CITY] as number;
    return city >= 0 && nearCityAt[city] === epoch;
  };
  const inTopicClass = (ordinal: number) => {
    const bit = index.onlineBitOf[ordinal] as number;
    if (bit < 0) return false;
    for (const bits of reach.commonTopicBits)
      if (((bits[bit >>> 5] as number) >>> (bit & 31)) & 1) return true;
    return false;
  };
  user.keywords.forEach((keyword, bit) => {
    const flag = (1 << bit) >>> 0;
    const posting = eventsWithPhraseInDescription(index, keyword);
    for (let i = 0; i < posting.length; i++) {
      const ordinal = posting[i] as number;
      const at = ordinal * STAMP_STRIDE;
      const reached = stamps[at + TOUCHED] === epoch;
      // Unreached, it is either near the user or an online event of their common topics, or it has no
      // reason to be shown at all.
      if (!reached && !inNearCity(ordinal) && !inTopicClass(ordinal)) continue;
      if (!reached) count = touch(index, ordinal, epoch, count);
      if (stamps[at + DESCRIBED] !== epoch) {
        stamps[at + DESCRIBED] = epoch;
        stamps[at + DESCRIPTION] = 0;
      }
      stamps[at + DESCRIPTION] = (stamps[at + DESCRIPTION] as number) | flag;
    }
  });
  return count;
}
