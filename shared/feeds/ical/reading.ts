import type { ExpansionWindow, FeedProblem } from '../feed-event.ts';
import type { RawEvent } from '../raw-event.ts';
import type { CalendarZones } from './calendar-zones.ts';
import type { ZonedValue } from './event-times.ts';
import { errorNote, type ProblemNote } from './problem-notes.ts';
import type { VEventData } from './read-vevent.ts';

/** What reading one VCALENDAR's events needs and builds up. */
export interface Reading {
  readonly events: RawEvent[];
  readonly problems: FeedProblem[];
  readable: number;
  readonly zones: CalendarZones;
  readonly window: ExpansionWindow;
  /** "entry\u0000message" of every problem recorded, so each is recorded once. */
  readonly reported: Set<string>;
}

/** An event's DTSTART in its zone, and the instant it is. */
export interface Start {
  readonly start: ZonedValue;
  readonly startMs: number;
}

/** Records problems of one VEVENT (named by UID, else by position), each (entry, message) once. */
export function report(data: VEventData, notes: readonly ProblemNote[], reading: Reading): void {
  if (notes.length === 0) return;
  const entry = data.uid ?? `#${data.index}`;
  for (const { message, severity } of notes) {
    const key = `${entry}\u0000${message}`;
    if (reading.reported.has(key)) continue;
    reading.reported.add(key);
    reading.problems.push({ entry, message, severity });
  }
}

export function unreadableEvent(error: unknown): ProblemNote {
  return errorNote(`event could not be read (${error instanceof Error ? error.message : String(error)})`);
}
