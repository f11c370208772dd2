/**
 * Last week's digest against this week's events: what the user already saw unchanged is not shown
 * again; what has since moved, been cancelled or been removed is told as a change instead.
 */
import type { DigestChange } from '../digest/digest-model.ts';
import type { StoredEvent } from '../events/stored-event.ts';
import { sameStoredStart, storedStartMs } from './event-start.ts';
import { compareIds } from './rank-matches.ts';
import type { UserMatchContext } from './user-match-context.ts';

/** One event as the previous digest showed it. */
export interface PreviousDigestEntry {
  readonly eventId: string;
  readonly start: string;
  /** An EventStatus, or 'removed' when that digest already told the event was removed. */
  readonly status: string;
  readonly title: string;
  readonly allDay: boolean;
  readonly updatedAt: string;
}

export interface PreviousDigestComparison {
  /** Ordered by the event's (new) start, then id. */
  readonly changes: DigestChange[];
  /** Shown before and unchanged, or changed and told as a change: not a match this time. */
  readonly hiddenIds: Set<string>;
}

/**
 * Decisions where the rule is silent:
 * - An event the batch's events do not hold (it moved out of the window, or is long past) cannot be
 *   judged and is left alone.
 * - A change to something entirely in the past (old and new start both before now) is not news.
 * - An event the user marked "not interested" gets no change notice: they said they do not care.
 * - Only title or status (tentative ↔ confirmed) changed: no change kind fits, so it is not hidden
 *   and may be shown again as a match with its new wording.
 * - Cancelled and moved at once is told as cancelled; removed wins over both.
 */
export function compareWithPrevious(
  previous: readonly PreviousDigestEntry[],
  eventById: (id: string) => StoredEvent | undefined,
  user: UserMatchContext,
): PreviousDigestComparison {
  const hiddenIds = new Set<string>();
  const changes: { readonly change: DigestChange; readonly startMs: number }[] = [];
  const seen = new Set<string>();
  for (const entry of previous) {
    if (seen.has(entry.eventId)) continue;
    seen.add(entry.eventId);
    const event = eventById(entry.eventId);
    if (event === undefined) continue;
    const moved = !sameStoredStart(entry.start, event.start);
    const change = event.removed
      ? 'removed'
      : event.status === 'cancelled'
        ? 'cancelled'
        : moved
          ? 'moved'
          : null;
    if (change === null) {
      if (entry.status === event.status && entry.title === event.title) hiddenIds.add(event.id);
      continue;
    }
    hiddenIds.add(event.id);
    // Told already: nothing new since.
    if (change !== 'moved' && entry.status === change && !moved) continue;
    const startMs = storedStartMs(event.start, user.zone);
    const previousStartMs = storedStartMs(entry.start, user.zone);
    if (!(Math.max(startMs, previousStartMs) >= user.nowMs)) continue;
    if (user.notInterestedIds.has(event.id)) continue;
    changes.push({
      startMs,
      change: {
        eventId: event.id,
        title: event.title,
        change,
        previousStart: entry.start,
        start: event.start,
        allDay: event.allDay,
        url: event.url,
      },
    });
  }
  changes.sort((a, b) => a.startMs - b.startMs || compareIds(a.change.eventId, b.change.eventId));
  return { changes: changes.map((entry) => entry.change), hiddenIds };
}
