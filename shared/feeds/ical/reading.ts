import type { ExpansionWindow, FeedProblem } from '../feed-event.ts';
import type { RawEvent } from '../raw-event.ts';
import type { CalendarZones } from './calendar-zones.ts';
import type { ZonedValue } from './event-times.ts';
import { errorNote, type ProblemNote } from './problem-notes.ts';
import type { VEventData } from './read-vevent.ts';

/** What the rest of the feed may still cost, shared by all its VCALENDARs. */
export interface EventBudget {
  /** Events it may still yield (the per-source cap). */
  remaining: number;
  /** Set once an event was left out for want of budget. */
  exceeded: boolean;
  /** ical.js iterations left for the rules the fast cursor does not take (MAX_RULE_ITERATIONS_PER_FEED). */
  ruleIterations: number;
}

/** Where the events read go, one by one, as soon as each is decided (the caller may normalize it at once). */
export interface EventSink {
  add(event: RawEvent): void;
}

/**
 * The events of a whole feed (all its VCALENDARs) as they leave the reader. An event's slot is its
 * position among all those added; a single event whose UID turns up again later is taken back
 * (its slot listed in `takenBack`) and decided again with the other VEVENTs of that UID.
 */
export interface EventOutput {
  readonly sink: EventSink;
  added: number;
  readonly takenBack: Set<number>;
}

/** What reading one VCALENDAR's events needs and builds up. */
export interface Reading {
  readonly output: EventOutput;
  readonly budget: EventBudget;
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
export function report(
  data: Pick<VEventData, 'uid' | 'index'>,
  notes: readonly ProblemNote[],
  reading: Reading,
): void {
  if (notes.length === 0) return;
  const entry = data.uid ?? `#${data.index}`;
  for (const { message, severity } of notes) {
    const key = `${entry}\u0000${message}`;
    if (reading.reported.has(key)) continue;
    reading.reported.add(key);
    reading.problems.push({ entry, message, severity });
  }
}

/** Adds an event to the result while the feed's budget lasts; false when it is used up. */
export function emit(reading: Reading, event: RawEvent): boolean {
  const { budget, output } = reading;
  if (budget.remaining <= 0) {
    budget.exceeded = true;
    return false;
  }
  budget.remaining--;
  output.sink.add(event);
  output.added++;
  return true;
}

export function unreadableEvent(error: unknown): ProblemNote {
  return errorNote(`event could not be read (${error instanceof Error ? error.message : String(error)})`);
}
