/**
 * Online events a user's topics bring in are the many: a popular topic has thousands in two weeks.
 * Those that nothing else brought in (no follow, headline or description keyword, nearness: such
 * events were candidates already) score alike within a class — how many of the user's topics they
 * have, and whether they are a mentorship program — and differ only by how soon they start and by
 * penalties, which only lower a score. So each class is walked in start order (the order of the
 * ordinals), and left as soon as even its best possible score from then on is below the threshold.
 * Classes come from word-wide operations on the topics' bitmaps; an event's text is never read.
 */
import { awakeFor, type CandidatePass, countTagsMarked, settle, showableStart } from './candidate-pass.ts';
import { ALL_DAY_EARLIEST_SHIFT_MS } from './event-index.ts';
import { STAMP_STRIDE, TOUCHED } from './match-scratch.ts';
import { scoreFrom, soonness } from './match-weights.ts';

/** Topic-count classes: exactly 1, 2, 3, and 4 or more (whose count is then read from the tags). */
const LEVELS = 4;

interface TopicClass {
  readonly level: number;
  /** Topics an event of the class has (at most, for the last level). */
  readonly topics: number;
  readonly mentorship: boolean;
}

/**
 * The best score an event of the class starting at `startMs` or later can have: scoreFrom itself, so
 * that it rounds exactly as an event's score does (a bound a hair under the threshold could otherwise
 * round up to a tie with it).
 */
function bestScore(pass: CandidatePass, topicClass: TopicClass, startMs: number): number {
  const soon = soonness(startMs, pass.user.nowMs, pass.user.windowToMs);
  return scoreFrom(false, topicClass.topics, 0, 0, 0, topicClass.mentorship, soon, 0);
}

export function considerOnlineTopicEvents(pass: CandidatePass, topicBits: readonly Uint32Array[]): void {
  const words = pass.index.onlineWords;
  if (topicBits.length === 0 || words === 0) return;

  const levels = pass.index.scratch.topicLevels;
  for (let word = 0; word < words; word++) {
    let atLeast1 = 0;
    let atLeast2 = 0;
    let atLeast3 = 0;
    let atLeast4 = 0;
    for (const bits of topicBits) {
      const topic = bits[word] as number;
      atLeast4 |= atLeast3 & topic;
      atLeast3 |= atLeast2 & topic;
      atLeast2 |= atLeast1 & topic;
      atLeast1 |= topic;
    }
    const at = word * LEVELS;
    levels[at] = atLeast1 & ~atLeast2;
    levels[at + 1] = atLeast2 & ~atLeast3;
    levels[at + 2] = atLeast3 & ~atLeast4;
    levels[at + 3] = atLeast4;
  }

  const classes: TopicClass[] = [];
  for (let level = 0; level < Math.min(LEVELS, topicBits.length); level++) {
    const topics = level === LEVELS - 1 ? topicBits.length : level + 1;
    classes.push({ level, topics, mentorship: true }, { level, topics, mentorship: false });
  }
  // The most promising first, so the threshold rises early. An event starting now has soonness 1.
  const best = classes.map((topicClass) => bestScore(pass, topicClass, pass.user.nowMs));
  const order = classes
    .map((_, position) => position)
    .sort((a, b) => (best[b] as number) - (best[a] as number));
  for (const position of order) {
    if ((best[position] as number) < pass.threshold) break;
    walkClass(pass, classes[position] as TopicClass, words);
  }
}

function walkClass(pass: CandidatePass, topicClass: TopicClass, words: number): void {
  const { index, user, epoch } = pass;
  const scratch = index.scratch;
  const levels = scratch.topicLevels;
  const mentorshipBits = index.mentorshipOnlineBits;
  for (let word = 0; word < words; word++) {
    const mentors = mentorshipBits[word] as number;
    let mask =
      (levels[word * LEVELS + topicClass.level] as number) & (topicClass.mentorship ? mentors : ~mentors);
    while (mask !== 0) {
      const bit = 31 - Math.clz32(mask & -mask);
      mask &= mask - 1;
      const ordinal = index.onlineOrdinals[word * 32 + bit] as number;
      // Every event after this one starts no earlier than this bound.
      const earliest = (index.sortKeyMs[ordinal] as number) - ALL_DAY_EARLIEST_SHIFT_MS;
      if (bestScore(pass, topicClass, earliest) < pass.threshold) return;
      if (scratch.stamps[ordinal * STAMP_STRIDE + TOUCHED] === epoch) continue;
      const startMs = showableStart(pass, ordinal);
      if (Number.isNaN(startMs) || !awakeFor(pass, ordinal, startMs)) continue;
      const topics =
        topicClass.level === LEVELS - 1
          ? countTagsMarked(index, ordinal, scratch.topicTagAt, epoch)
          : topicClass.level + 1;
      const soon = soonness(startMs, user.nowMs, user.windowToMs);
      settle(pass, ordinal, startMs, false, topics, 0, 0, 0, topicClass.mentorship, soon);
    }
  }
}
