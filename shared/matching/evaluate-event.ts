/**
 * The reference judgement of one event for one user: every rule checked directly on the event, no
 * index. matchEventsNaively runs it on every event; the indexed matcher must come to the same scores,
 * reasons and sections by its own way (tests compare the two).
 */
import type { DigestSectionId } from '../digest/digest-model.ts';
import { startMsInZone } from './event-start.ts';
import { type MatchFacts, reasonsFor, sectionFor } from './match-reasons.ts';
import { hasPositiveSignal, penaltyScore, scoreOf, soonness } from './match-weights.ts';
import { nearMatch } from './nearby-places.ts';
import type { PreparedEvent } from './prepared-event.ts';
import type { UserMatchContext } from './user-match-context.ts';
import { isAwakeAt } from './waking-hours.ts';

export interface EventEvaluation {
  /** The start as the reader's zone has it (all-day events begin at their local midnight). */
  readonly startMs: number;
  readonly score: number;
  readonly reasons: readonly string[];
  readonly section: DigestSectionId;
}

/** Null when the event is dropped or does not qualify; `hidden` holds ids never to show (not interested, already shown). */
export function evaluateEvent(
  event: PreparedEvent,
  user: UserMatchContext,
  hidden: ReadonlySet<string>,
): EventEvaluation | null {
  if (!event.eligible || hidden.has(event.event.id) || !user.kinds.has(event.kind)) return null;
  const startMs = startMsInZone(event.startMs, event.localDayMs, user.zone);
  if (startMs < user.nowMs || startMs >= user.windowToMs) return null;

  const near = event.cityKey === '' ? null : nearMatch(user.near.get(event.cityKey), event.countryKey);
  const follow = followOf(event, user);
  // Online: only for users who take online events (a hybrid event near them they can attend in person),
  // and starting in their waking hours (all-day events have no hour). In person: only near one of the
  // user's places, whatever they follow (a followed organization's meeting far away is not for them).
  if (event.online ? !user.onlineOk && near === null : near === null) return null;
  if (event.online && near === null && Number.isNaN(event.localDayMs) && !isAwakeAt(user.awake, startMs)) {
    return null;
  }
  if (event.sourceIds.every((id) => user.mutedSources.has(id))) return null;
  for (const muted of user.mutedWords) {
    if (
      event.titleText.includes(muted.needle) ||
      event.descriptionText.includes(muted.needle) ||
      event.organizationText.includes(muted.needle)
    ) {
      return null;
    }
  }

  const topics = user.topics.filter((topic) => event.tags.includes(topic));
  const headlineKeywords: string[] = [];
  const descriptionKeywords: string[] = [];
  for (const keyword of user.keywords) {
    if (
      event.titleText.includes(keyword.needle) ||
      event.tagText.includes(keyword.needle) ||
      event.organizationText.includes(keyword.needle)
    ) {
      headlineKeywords.push(keyword.label);
    } else if (event.descriptionText.includes(keyword.needle)) {
      descriptionKeywords.push(keyword.label);
    }
  }
  const similar =
    event.sourceIds.some((id) => user.similarSources.has(id)) ||
    event.organizationKeys.some((key) => user.similarOrganizations.has(key));
  const signals = {
    topics: topics.length,
    headlineKeywords: headlineKeywords.length,
    descriptionKeywords: descriptionKeywords.length,
    followed: follow !== null,
    near: near?.score ?? 0,
    mentorship: event.mentorship,
    soonness: soonness(startMs, user.nowMs, user.windowToMs),
    penalty: penaltyScore(similar, event.tags.filter((tag) => user.similarTags.has(tag)).length),
  };
  if (!hasPositiveSignal(signals, user.everythingNearMe)) return null;
  const score = scoreOf(signals);
  // Similar enough to what the user dismissed that it nets out at nothing: left out, not shown last.
  if (score <= 0) return null;

  const facts: MatchFacts = {
    topics,
    headlineKeywords,
    descriptionKeywords,
    follow,
    near,
    city: event.event.place?.city ?? '',
    mentorship: event.mentorship,
    online: event.online,
  };
  return { startMs, score, reasons: reasonsFor(facts), section: sectionFor(facts) };
}

/**
 * A followed organization (the event's organization or its organizer) or a followed source (any
 * source listing it). The reason names the organization: the one followed, or the event's own.
 */
export function followOf(
  event: PreparedEvent,
  user: UserMatchContext,
): { readonly by: string | null } | null {
  for (let index = 0; index < event.organizationKeys.length; index++) {
    if (user.followedOrganizations.has(event.organizationKeys[index] ?? '')) {
      return { by: event.organizationNames[index] ?? null };
    }
  }
  if (event.sourceIds.some((id) => user.followedSources.has(id)))
    return { by: event.event.organization?.trim() || null };
  return null;
}
