import type { ExpansionWindow, FeedProblem } from '../feed-event.ts';
import type { RawEvent } from '../raw-event.ts';
import { buildRawEvent } from './build-raw-event.ts';
import type { CalendarZones } from './calendar-zones.ts';
import { endOf, endRuleOf, eventTimeOf, utcMsOf, zonedProperty } from './event-times.ts';
import { occurrenceKey, prepareRule, recurrenceIdOf } from './expand-series.ts';
import type { JCalComponent } from './jcal.ts';
import { latestRevision, type Revision } from './latest-revision.ts';
import { errorNote, type ProblemNote } from './problem-notes.ts';
import { readSeries } from './read-series.ts';
import { readVEvent, type VEventData } from './read-vevent.ts';
import { readVEventBlock } from './read-vevent-block.ts';
import {
  type EventBudget,
  type EventOutput,
  emit,
  type Reading,
  report,
  type Start,
  unreadableEvent,
} from './reading.ts';
import type { VEventBlock } from './split-icalendar.ts';

export interface CalendarEvents {
  readonly problems: FeedProblem[];
  /** VEVENTs whose start could be read (whether or not an occurrence fell in the window). */
  readonly readable: number;
}

/** A single event (no RRULE, RDATE or RECURRENCE-ID), read as soon as it was met. */
interface ReadEvent extends Revision {
  readonly event: RawEvent | null;
  /** Its slot in the output while it stands there, else -1. */
  slot: number;
}

/**
 * A single event that no other VEVENT has shown the UID of yet (most of a feed): only where to find
 * it again, so that what was read of it can go once it is in the output.
 */
interface LoneEvent {
  /** Its block among the calendar's blocks, and its VEVENT within the block. */
  readonly position: number;
  readonly ordinal: number;
  readonly slot: number;
}

type Component = VEventData | ReadEvent;

const isReadEvent = (component: Component): component is ReadEvent => 'event' in component;
const isLoneEvent = (group: LoneEvent | Component | Component[]): group is LoneEvent => 'ordinal' in group;

/**
 * The RawEvents of one VCALENDAR's VEVENTs, into `output` while `budget` lasts. Each block is parsed
 * and read into a small VEventData, so its jCal becomes garbage at once. A single event, most of a
 * feed, is read and added on the spot; VEVENTs are grouped by UID in the same linear pass, so a
 * series meets its RECURRENCE-ID overrides, and a revision its older copies, without any scan over
 * the sibling VEVENTs. A single event whose UID comes again is taken back out (read again from its
 * block), and its group decides after the pass, with the series.
 */
export function readCalendarEvents(
  blocks: readonly VEventBlock[],
  firstIndex: number,
  zones: CalendarZones,
  window: ExpansionWindow,
  budget: EventBudget,
  output: EventOutput,
): CalendarEvents {
  const reading: Reading = {
    zones,
    window,
    budget,
    output,
    problems: [],
    readable: 0,
    reported: new Set(),
  };
  // Keyed by UID; a series or override without one stands alone, under a number.
  const groups = new Map<string | number, LoneEvent | Component | Component[]>();
  for (let position = 0; position < blocks.length; position++) {
    const index = firstIndex + position;
    const { vevents, lineProblems } = readVEventBlock(blocks[position] as VEventBlock);
    for (let ordinal = 0; ordinal < vevents.length; ordinal++) {
      const vevent = vevents[ordinal] as JCalComponent;
      const data = readVEvent(vevent, index, lineProblems.get(vevent) ?? []);
      const single = data.recurrenceId === null && data.rrule === null && data.rdates.length === 0;
      if (single && data.uid === null) {
        emitRead(readAhead(data, reading), reading);
        continue;
      }
      const component = single ? readAhead(data, reading) : data;
      const key = data.uid ?? groups.size;
      const group = groups.get(key);
      if (group === undefined) {
        if (isReadEvent(component)) {
          emitRead(component, reading);
          groups.set(key, { position, ordinal, slot: component.slot });
        } else {
          groups.set(key, component);
        }
      } else if (isLoneEvent(group)) {
        const first = readAgain(blocks, group, firstIndex, reading);
        if (group.slot >= 0) {
          output.takenBack.add(group.slot);
          budget.remaining++;
        }
        groups.set(key, [first, component]);
      } else if (Array.isArray(group)) {
        group.push(component);
      } else {
        groups.set(key, [group, component]);
      }
    }
  }
  // A lone single event is in the output already.
  for (const group of groups.values()) {
    if (isLoneEvent(group)) continue;
    if (Array.isArray(group)) readGroup(group, reading);
    else if (isReadEvent(group)) continue;
    else if (group.recurrenceId === null) readMaster(group, [], reading);
    else readOrphanOverride(group, reading);
  }
  return { problems: reading.problems, readable: reading.readable };
}

/**
 * A lone single event read again, now that its UID came back: the same RawEvent and revision as
 * the first time, out of the output. Its problems and its start were recorded the first time.
 */
function readAgain(
  blocks: readonly VEventBlock[],
  lone: LoneEvent,
  firstIndex: number,
  reading: Reading,
): ReadEvent {
  const { vevents, lineProblems } = readVEventBlock(blocks[lone.position] as VEventBlock);
  const vevent = vevents[lone.ordinal] as JCalComponent;
  const readable = reading.readable;
  const read = readAhead(
    readVEvent(vevent, firstIndex + lone.position, lineProblems.get(vevent) ?? []),
    reading,
  );
  reading.readable = readable;
  return read;
}

/**
 * VEVENTs sharing a UID: the event or series, perhaps in several revisions, and its overrides. Only
 * the latest revision counts; when it is no longer a series, the overrides of the older series
 * (those of a lower SEQUENCE) ended with it.
 */
function readGroup(components: readonly Component[], reading: Reading): void {
  const masters: Component[] = [];
  let overrides: VEventData[] = [];
  for (const component of components) {
    if (!isReadEvent(component) && component.recurrenceId !== null) overrides.push(component);
    else masters.push(component);
  }
  if (masters.length > 0) {
    const { latest, rivals } = latestRevision(masters);
    for (const rival of rivals) {
      const message = `VEVENT #${rival.index} repeats this UID, SEQUENCE and timestamps with another start; only the first is kept`;
      report(rival, [errorNote(message)], reading);
    }
    if (!isReadEvent(latest)) {
      if (readMaster(latest, overrides, reading)) return;
    } else {
      emitRead(latest, reading);
      if (masters.length > 1)
        overrides = overrides.filter((override) => override.sequence >= latest.sequence);
    }
  }
  for (const override of overrides) readOrphanOverride(override, reading);
}

/** Reads a single event now, keeping its RawEvent and what tells its revisions apart. */
function readAhead(data: VEventData, reading: Reading): ReadEvent {
  const { index, uid, sequence, lastModified, dtstamp, dtstart } = data;
  const messages = [...data.lineProblems];
  let event: RawEvent | null = null;
  try {
    const timing = startOf(data, reading, messages);
    if (timing) {
      const { start, startMs } = timing;
      const endRule = endRuleOf(start, startMs, data.dtend, data.duration, reading.zones, messages);
      event = buildRawEvent(data, null, null, eventTimeOf(start, startMs), endOf(endRule, start, startMs));
    }
  } catch (error) {
    messages.push(unreadableEvent(error));
  }
  report(data, messages, reading);
  return { index, uid, sequence, lastModified, dtstamp, dtstart, event, slot: -1 };
}

function emitRead(read: ReadEvent, reading: Reading): void {
  if (read.event && emit(reading, read.event)) read.slot = reading.output.added - 1;
}

/**
 * A VEVENT with RRULE or RDATE: a series, or a single event when its rule is invalid. True when it
 * was a series (and took the overrides).
 */
function readMaster(master: VEventData, overrides: readonly VEventData[], reading: Reading): boolean {
  const messages = [...master.lineProblems];
  let series = false;
  try {
    const timing = startOf(master, reading, messages);
    if (timing) {
      const { start, startMs } = timing;
      const endRule = endRuleOf(start, startMs, master.dtend, master.duration, reading.zones, messages);
      const rule = master.rrule
        ? prepareRule(master.rrule, start, reading.window, reading.budget, messages)
        : null;
      if (rule || master.rdates.length > 0) {
        series = true;
        readSeries(master, timing, endRule, rule, overrides, reading, messages);
      } else {
        const event = buildRawEvent(
          master,
          null,
          null,
          eventTimeOf(start, startMs),
          endOf(endRule, start, startMs),
        );
        emit(reading, event);
      }
    }
  } catch (error) {
    messages.push(unreadableEvent(error));
  }
  report(master, messages, reading);
  return series;
}

/** An override whose series is not in the feed: still an occurrence, returned like a single event. */
function readOrphanOverride(data: VEventData, reading: Reading): void {
  const messages = [...data.lineProblems];
  try {
    const original = data.recurrenceId && zonedProperty(data.recurrenceId, reading.zones, messages);
    const timing: Start | null = data.dtstart
      ? startOf(data, reading, messages)
      : original && { start: original, startMs: utcMsOf(original) };
    if (original && timing) {
      if (!data.dtstart) reading.readable++;
      const { start, startMs } = timing;
      const endRule = endRuleOf(start, startMs, data.dtend, data.duration, reading.zones, messages);
      const recurrenceId = recurrenceIdOf(occurrenceKey(original, utcMsOf(original), original), original);
      emit(
        reading,
        buildRawEvent(data, null, recurrenceId, eventTimeOf(start, startMs), endOf(endRule, start, startMs)),
      );
    }
  } catch (error) {
    messages.push(unreadableEvent(error));
  }
  report(data, messages, reading);
}

/** DTSTART in its zone, or null with the problem recorded. */
function startOf(data: VEventData, reading: Reading, messages: ProblemNote[]): Start | null {
  if (!data.dtstart) {
    messages.push(errorNote('VEVENT without DTSTART'));
    return null;
  }
  const start = zonedProperty(data.dtstart, reading.zones, messages);
  if (!start) return null;
  reading.readable++;
  return { start, startMs: utcMsOf(start) };
}
