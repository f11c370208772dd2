/**
 * The all-pairs reference: judges every event for the user with the plain rules (evaluate-event.ts).
 * Same result as the indexed matcher by definition; tests compare the two, the bench times both.
 */
import type { StoredEvent } from '../events/stored-event.ts';
import type { UserProfile } from '../users/user-profile.ts';
import { evaluateEvent } from './evaluate-event.ts';
import type { MatchOptions, UserMatches } from './match-types.ts';
import { type PreparedEvent, prepareEvent } from './prepared-event.ts';
import { compareWithPrevious } from './previous-digest.ts';
import {
  countOption,
  DEFAULT_MAX_EVENTS,
  DEFAULT_MAX_PER_ORGANIZATION,
  selectRanked,
} from './rank-matches.ts';
import { userMatchContext } from './user-match-context.ts';

interface PreparedEvents {
  readonly events: readonly PreparedEvent[];
  readonly byId: ReadonlyMap<string, StoredEvent>;
}

/**
 * Normalizing text is not matching: the reference prepares an events array once (remembered per array)
 * so that its timing is the cost of judging every event, which is what the index saves.
 */
const preparedByArray = new WeakMap<readonly StoredEvent[], PreparedEvents>();

function preparedEvents(events: readonly StoredEvent[]): PreparedEvents {
  let prepared = preparedByArray.get(events);
  if (!prepared) {
    prepared = { events: events.map(prepareEvent), byId: new Map(events.map((event) => [event.id, event])) };
    preparedByArray.set(events, prepared);
  }
  return prepared;
}

export function matchEventsNaively(
  events: readonly StoredEvent[],
  profile: UserProfile,
  options: MatchOptions,
): UserMatches {
  const prepared = preparedEvents(events);
  const user = userMatchContext(profile, options);
  const previous = compareWithPrevious(options.previous, (id) => prepared.byId.get(id), user);
  const hidden = new Set([...user.notInterestedIds, ...previous.hiddenIds]);

  const candidates = [];
  for (const event of prepared.events) {
    const evaluation = evaluateEvent(event, user, hidden);
    if (evaluation) candidates.push({ ...evaluation, id: event.event.id, groupKey: event.groupKey, event });
  }
  const chosen = selectRanked(
    candidates,
    countOption(options.maxEvents, DEFAULT_MAX_EVENTS),
    countOption(options.maxPerOrganization, DEFAULT_MAX_PER_ORGANIZATION),
  );
  return {
    matches: chosen.map(({ event, score, reasons, section }) => ({
      event: event.event,
      score,
      reasons,
      section,
    })),
    changes: previous.changes,
  };
}
