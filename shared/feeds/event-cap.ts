import type { FeedProblem } from './feed-event.ts';

/**
 * The problem recorded when a feed holds more events (recurring occurrences included) than a source
 * may store. An error: events are missing, so ingest does not take their absence for removals.
 */
export function eventCapProblem(maxEvents: number): FeedProblem {
  return {
    entry: null,
    message: `more than ${maxEvents} events; only the first ${maxEvents} are kept (TRELLIS_MAX_EVENTS_PER_SOURCE)`,
    severity: 'error',
  };
}
