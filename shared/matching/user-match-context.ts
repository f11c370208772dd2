/**
 * What a profile asks for, in the form both matchers read: normalized once per user per match.
 */
import type { SourceKind } from '../sources/source.ts';
import { ianaZoneRules, type ZoneRules } from '../time/zone-rules.ts';
import type { UserProfile } from '../users/user-profile.ts';
import { MAX_TERM_WORDS, phraseNeedle, phraseTerms, wordsOf } from './match-words.ts';
import { type NearPlace, nearbyPlaces } from './nearby-places.ts';
import { organizationKeyOf } from './place-keys.ts';
import { type AwakeIntervals, awakeIntervals } from './waking-hours.ts';

/** A keyword or muted word: as the user wrote it, and as words to look for. */
export interface Phrase {
  readonly label: string;
  readonly words: string;
  readonly needle: string;
  /** Index terms every event with the phrase has (match-words.ts). */
  readonly terms: readonly string[];
  /** Having every term is having the phrase (a phrase of at most MAX_TERM_WORDS words). */
  readonly termsSuffice: boolean;
}

/**
 * Keywords are tracked as bits of a 32-bit mask per event in the index, so only the first 32 count;
 * profiles hold at most 30 (shared/users/profile-input.ts).
 */
export const MAX_KEYWORDS = 32;

export interface UserMatchContext {
  readonly zone: ZoneRules;
  readonly nowMs: number;
  readonly windowToMs: number;
  readonly kinds: ReadonlySet<SourceKind>;
  readonly onlineOk: boolean;
  /** Nearness alone selects (the reader asked for everything near them); otherwise it only narrows. */
  readonly everythingNearMe: boolean;
  /** When an online event (not near them) may start: its UTC intervals over the window (waking-hours.ts). */
  readonly awake: AwakeIntervals;
  /** Topic ids, each once, in the user's order (the order reasons name them in). */
  readonly topics: readonly string[];
  readonly keywords: readonly Phrase[];
  readonly followedOrganizations: ReadonlySet<string>;
  readonly followedSources: ReadonlySet<string>;
  readonly mutedWords: readonly Phrase[];
  readonly mutedSources: ReadonlySet<string>;
  /** Marked "not interested": never shown. */
  readonly notInterestedIds: ReadonlySet<string>;
  /** What the marked events had: similar events rank lower. */
  readonly similarSources: ReadonlySet<string>;
  readonly similarOrganizations: ReadonlySet<string>;
  readonly similarTags: ReadonlySet<string>;
  readonly near: ReadonlyMap<string, readonly NearPlace[]>;
}

export interface MatchWindow {
  readonly now: Date;
  readonly windowTo: Date;
}

/** Throws RangeError when the profile's zone is unknown to Intl (profiles are validated on the way in). */
export function userMatchContext(profile: UserProfile, window: MatchWindow): UserMatchContext {
  const marks = profile.notInterested;
  const zone = ianaZoneRules(profile.timeZone);
  return {
    zone,
    nowMs: window.now.getTime(),
    windowToMs: window.windowTo.getTime(),
    // An empty list means what it says (nothing matches); profile validation asks for at least one.
    kinds: new Set(profile.kinds),
    onlineOk: profile.onlineOk,
    everythingNearMe: profile.everythingNearMe === true,
    awake: awakeIntervals(profile.wakingHours, zone, window.now.getTime(), window.windowTo.getTime()),
    topics: [...new Set(profile.topics)],
    keywords: phrases(profile.keywords).slice(0, MAX_KEYWORDS),
    followedOrganizations: keySet(profile.followedOrganizations.map(organizationKeyOf)),
    followedSources: new Set(profile.followedSources),
    mutedWords: phrases(profile.mutedWords),
    mutedSources: new Set(profile.mutedSources),
    notInterestedIds: new Set(marks.map((mark) => mark.eventId)),
    similarSources: keySet(marks.map((mark) => mark.sourceId ?? '')),
    similarOrganizations: keySet(
      marks.map((mark) => (mark.organization ? organizationKeyOf(mark.organization) : '')),
    ),
    similarTags: new Set(marks.flatMap((mark) => mark.tags)),
    near: nearbyPlaces(profile.places),
  };
}

function keySet(keys: readonly string[]): Set<string> {
  return new Set(keys.filter((key) => key !== ''));
}

/** Each phrase once (by its words), in the user's order; phrases without any word are dropped. */
function phrases(texts: readonly string[]): Phrase[] {
  const seen = new Set<string>();
  const result: Phrase[] = [];
  for (const text of texts) {
    const words = wordsOf(text);
    if (words === '' || seen.has(words)) continue;
    seen.add(words);
    const tokens = words.split(' ');
    result.push({
      label: text.trim(),
      words,
      needle: phraseNeedle(words),
      terms: phraseTerms(tokens),
      termsSuffice: tokens.length <= MAX_TERM_WORDS,
    });
  }
  return result;
}
