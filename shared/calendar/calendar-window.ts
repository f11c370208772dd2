import type { StoredEvent } from '../events/stored-event.ts';
import { buildEventIndex, type EventIndex } from '../matching/match-events.ts';

export interface CalendarWindow {
  readonly index: EventIndex;
  readonly from: Date;
  readonly to: Date;
}

const dayMs = 86_400_000;

/**
 * The events of the feed window (default 8 weeks), read and indexed once per container and reused for
 * `reuseMs`: every feed rendered in that time matches against the same index, so a rebuild costs
 * one user's matching instead of 56 day queries.
 */
export function calendarWindowLoader(
  listStartingBetween: (from: Date, to: Date) => Promise<StoredEvent[]>,
  options: { readonly days: number; readonly reuseMs: number },
): (now: Date) => Promise<CalendarWindow> {
  let cached: { loadedAt: number; window: Promise<CalendarWindow> } | null = null;
  return (now) => {
    if (!cached || now.getTime() - cached.loadedAt >= options.reuseMs || now.getTime() < cached.loadedAt) {
      const from = new Date(now.getTime());
      const to = new Date(now.getTime() + options.days * dayMs);
      const window = listStartingBetween(from, to).then((events) => ({
        index: buildEventIndex(events),
        from,
        to,
      }));
      cached = { loadedAt: now.getTime(), window };
      window.catch(() => {
        cached = null;
      });
    }
    return cached.window;
  };
}
