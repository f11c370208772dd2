/**
 * Step 1 of matching with the index: the events a user's profile reaches through posting lists,
 * listed in scratch.touched, with their topic and keyword hits.
 */
import { type EventIndex, ONLINE_PLACE } from './event-index.ts';
import { FOLLOWED, HEADLINE, STAMP_STRIDE, TOPIC_HITS, TOUCHED } from './match-scratch.ts';
import { EMPTY_POSTING, postingOfAll } from './posting-lists.ts';
import type { Phrase, UserMatchContext } from './user-match-context.ts';

export interface Reach {
  /** How many events were reached (listed in scratch.touched). */
  readonly touched: number;
  /** Bitmaps of the user's common topics among online events, still to be walked. */
  readonly commonTopicBits: readonly Uint32Array[];
}

/** Marks an event reached (once per user) and returns the new count of reached events. */
export function touch(index: EventIndex, ordinal: number, epoch: number, count: number): number {
  const stamps = index.scratch.stamps;
  const at = ordinal * STAMP_STRIDE;
  if (stamps[at + TOUCHED] === epoch) return count;
  stamps[at + TOUCHED] = epoch;
  stamps[at + HEADLINE] = 0;
  stamps[at + TOPIC_HITS] = 0;
  index.scratch.touched[count] = ordinal;
  return count + 1;
}

/**
 * Events of the user's topics in a city they are near, and online events with a venue there; events
 * of what they follow, wherever they are; events with a keyword in title, tags or organization at a
 * place they reach (online, or a near city); online events of their rarer topics. Topic and keyword
 * hits are counted on the way, so no event's text is read.
 */
export function reachCandidates(index: EventIndex, user: UserMatchContext, epoch: number): Reach {
  const scratch = index.scratch;
  const stamps = scratch.stamps;
  let count = 0;

  const places: string[] = user.onlineOk ? [ONLINE_PLACE] : [];
  for (const [cityKey, nearPlaces] of user.near) {
    const city = index.cityOrdinalByKey.get(cityKey);
    const postings = index.byCity.get(cityKey);
    if (city === undefined || postings === undefined) continue;
    places.push(cityKey);
    scratch.nearCityAt[city] = epoch;
    scratch.nearPlaces[city] = nearPlaces;
    // Online events with a venue here are near too, which their topic class does not know.
    const hybrid = postings.hybrid;
    for (let i = 0; i < hybrid.length; i++) count = touch(index, hybrid[i] as number, epoch, count);
    const cityTags = index.byTagAtCity.get(cityKey);
    for (const topic of user.topics) {
      const atCity = cityTags?.get(topic) ?? EMPTY_POSTING;
      for (let i = 0; i < atCity.length; i++) {
        const ordinal = atCity[i] as number;
        count = touch(index, ordinal, epoch, count);
        stamps[ordinal * STAMP_STRIDE + TOPIC_HITS] =
          (stamps[ordinal * STAMP_STRIDE + TOPIC_HITS] as number) + 1;
      }
    }
  }
  const follow = (posting: Int32Array) => {
    for (let i = 0; i < posting.length; i++) {
      const ordinal = posting[i] as number;
      count = touch(index, ordinal, epoch, count);
      stamps[ordinal * STAMP_STRIDE + FOLLOWED] = epoch;
    }
  };
  for (const key of user.followedOrganizations) follow(index.byOrganization.get(key) ?? EMPTY_POSTING);
  for (const sourceId of user.followedSources) follow(index.bySource.get(sourceId) ?? EMPTY_POSTING);

  user.keywords.forEach((keyword, bit) => {
    const flag = (1 << bit) >>> 0;
    const exact = keyword.termsSuffice;
    for (const place of places) {
      const posting = postingOfAll(index.byHeadlineTermAtPlace.get(place), keyword.terms);
      for (let i = 0; i < posting.length; i++) {
        const ordinal = posting[i] as number;
        if (!exact && !inHeadline(index, ordinal, keyword)) continue;
        count = touch(index, ordinal, epoch, count);
        stamps[ordinal * STAMP_STRIDE + HEADLINE] =
          (stamps[ordinal * STAMP_STRIDE + HEADLINE] as number) | flag;
      }
    }
  });

  const commonTopicBits: Uint32Array[] = [];
  if (user.onlineOk) {
    for (const topic of user.topics) {
      const bits = index.onlineTagBits.get(topic);
      if (bits) {
        commonTopicBits.push(bits);
        continue;
      }
      const posting = index.onlineByTag.get(topic) ?? EMPTY_POSTING;
      for (let i = 0; i < posting.length; i++) count = touch(index, posting[i] as number, epoch, count);
    }
  }
  return { touched: count, commonTopicBits };
}

/** The phrase is in the title, a tag or an organization name of the event. */
export function inHeadline(index: EventIndex, ordinal: number, phrase: Phrase): boolean {
  const event = index.events[ordinal];
  return (
    event !== undefined &&
    (event.titleText.includes(phrase.needle) ||
      event.tagText.includes(phrase.needle) ||
      event.organizationText.includes(phrase.needle))
  );
}
