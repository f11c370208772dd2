import type { EventStatus } from '../feeds/feed-event.ts';
import type { EventStore } from '../store/event-store.ts';
import { isSaved, type SavedEventStore } from '../store/saved-event-store.ts';
import { effectiveStatus } from './calendar-entry.ts';
import { eventEndMs } from './select-calendar-entries.ts';

export interface SavedEventListDependencies {
  readonly savedEvents: Pick<SavedEventStore, 'listForUser'>;
  readonly events: Pick<EventStore, 'getMany'>;
}

/** One of the user's saved events, as their list shows it. */
export interface SavedEventSummary {
  readonly eventId: string;
  readonly title: string;
  readonly start: string;
  readonly end: string | null;
  readonly allDay: boolean;
  /** cancelled when the organizer cancelled or withdrew it. */
  readonly status: EventStatus;
  readonly savedAt: string;
}

/** The user's saved events that are not over yet (removed ones left out), soonest first. */
export async function listSavedEvents(
  deps: SavedEventListDependencies,
  userId: string,
  now: Date,
): Promise<SavedEventSummary[]> {
  const saved = (await deps.savedEvents.listForUser(userId)).filter(isSaved);
  if (saved.length === 0) return [];
  const events = new Map(
    (await deps.events.getMany(saved.map((entry) => entry.eventId))).map((e) => [e.id, e]),
  );
  return saved
    .flatMap((entry) => {
      const event = events.get(entry.eventId);
      // Gone from the table (long past) or over: nothing left to remove from a calendar.
      if (!event || eventEndMs(event) <= now.getTime()) return [];
      return [
        {
          eventId: event.id,
          title: event.title,
          start: event.start,
          end: event.end,
          allDay: event.allDay,
          status: effectiveStatus(event),
          savedAt: entry.savedAt,
        },
      ];
    })
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.title.localeCompare(b.title));
}
