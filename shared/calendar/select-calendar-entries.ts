import type { StoredEvent } from '../events/stored-event.ts';
import type { MatchedEvent } from '../matching/match-events.ts';
import { type CalendarEntry, effectiveStatus } from './calendar-entry.ts';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
/** Saved events stay in the feed this long after they end, so a calendar keeps the user's history. */
export const savedHistoryDays = 30;

/** When an event is over: its end, the end of its last day, or an hour after a bare start. */
export function eventEndMs(event: StoredEvent): number {
  if (event.allDay) {
    const last = event.end ?? event.start;
    return Date.parse(`${last}T00:00:00Z`) + (event.end ? 0 : dayMs);
  }
  return event.end ? Date.parse(event.end) : Date.parse(event.start) + hourMs;
}

export interface CalendarSelection {
  /** Best first, from matching the user's profile over the feed window. */
  readonly matches: readonly MatchedEvent[];
  /** Events the user saved (any that still exist). */
  readonly saved: readonly StoredEvent[];
  /** Events that were in the previous feed and are no longer matched (to be shown as cancelled if they were). */
  readonly previouslyShown: readonly StoredEvent[];
  readonly now: Date;
}

const sequenceOf = (event: StoredEvent) => event.revision ?? 0;

/**
 * What the user's calendar holds: their saved events (upcoming, and the last 30 days), the events
 * matched to them, and, until it is past, any event of an earlier feed that has been cancelled or
 * removed since, as STATUS:CANCELLED, so the client takes it off instead of keeping a ghost.
 */
export function selectCalendarEntries(selection: CalendarSelection): CalendarEntry[] {
  const nowMs = selection.now.getTime();
  const entries = new Map<string, CalendarEntry>();
  const matchedById = new Map(selection.matches.map((match) => [match.event.id, match]));

  for (const event of selection.saved) {
    if (eventEndMs(event) < nowMs - savedHistoryDays * dayMs) continue;
    const reasons = matchedById.get(event.id)?.reasons ?? [];
    entries.set(event.id, {
      event,
      note: [
        'You saved this event.',
        ...(reasons.length > 0 ? [`Matches: ${reasons.join(' · ')}`] : []),
      ].join(' '),
      sequence: sequenceOf(event),
      status: effectiveStatus(event),
    });
  }
  for (const match of selection.matches) {
    if (entries.has(match.event.id) || eventEndMs(match.event) <= nowMs) continue;
    const cancelled = effectiveStatus(match.event) === 'cancelled';
    entries.set(match.event.id, {
      event: match.event,
      note: cancelled
        ? 'This event was cancelled or withdrawn by its organizer.'
        : `Why it is here: ${match.reasons.join(' · ') || 'it fits your interests'}`,
      sequence: sequenceOf(match.event),
      status: effectiveStatus(match.event),
    });
  }
  for (const event of selection.previouslyShown) {
    const status = effectiveStatus(event);
    if (entries.has(event.id) || status !== 'cancelled' || eventEndMs(event) <= nowMs) continue;
    entries.set(event.id, {
      event,
      note: 'This event was cancelled or withdrawn by its organizer.',
      sequence: sequenceOf(event),
      status,
    });
  }
  return [...entries.values()].sort((a, b) => a.event.start.localeCompare(b.event.start));
}
