import type { ExpansionWindow, FeedProblem } from '../feed-event.ts';
import type { RawEvent } from '../raw-event.ts';
import { buildRawEvent } from './build-raw-event.ts';
import type { CalendarZones } from './calendar-zones.ts';
import { endOf, endRuleOf, eventTimeOf, utcMsOf, zonedProperty } from './event-times.ts';
import { occurrenceKey, prepareRule, recurrenceIdOf } from './expand-series.ts';
import { errorNote, type ProblemNote } from './problem-notes.ts';
import { readSeries } from './read-series.ts';
import { readVEvent, type VEventData } from './read-vevent.ts';
import { readVEventBlock } from './read-vevent-block.ts';
import { type Reading, report, type Start, unreadableEvent } from './reading.ts';
import type { VEventBlock } from './split-icalendar.ts';

export interface CalendarEvents {
  readonly events: RawEvent[];
  readonly problems: FeedProblem[];
  /** VEVENTs whose start could be read (whether or not an occurrence fell in the window). */
  readonly readable: number;
}

/**
 * The RawEvents of one VCALENDAR's VEVENTs. Each block is parsed and read into a small VEventData,
 * so its jCal becomes garbage at once. Single events are read on the spot; series and overrides are
 * grouped by UID in the same linear pass, so a series meets its RECURRENCE-ID overrides without any
 * scan over the sibling VEVENTs.
 */
export function readCalendarEvents(
  blocks: readonly VEventBlock[],
  firstIndex: number,
  zones: CalendarZones,
  window: ExpansionWindow,
): CalendarEvents {
  const reading: Reading = { zones, window, events: [], problems: [], readable: 0, reported: new Set() };
  const groups = new Map<string, VEventData | VEventData[]>();
  const withoutUid: VEventData[] = [];
  for (let position = 0; position < blocks.length; position++) {
    const index = firstIndex + position;
    const { vevents, lineProblems } = readVEventBlock(blocks[position] as VEventBlock);
    for (const vevent of vevents) {
      const data = readVEvent(vevent, index, lineProblems.get(vevent) ?? []);
      if (data.recurrenceId === null && data.rrule === null && data.rdates.length === 0) {
        // A single event depends on no other component: read it now, keep nothing of its jCal.
        readMaster(data, [], reading);
      } else if (data.uid === null) {
        withoutUid.push(data);
      } else {
        const group = groups.get(data.uid);
        if (group === undefined) groups.set(data.uid, data);
        else if (Array.isArray(group)) group.push(data);
        else groups.set(data.uid, [group, data]);
      }
    }
  }
  for (const group of groups.values()) {
    if (Array.isArray(group)) readGroup(group, reading);
    else if (group.recurrenceId === null) readMaster(group, [], reading);
    else readOrphanOverride(group, reading);
  }
  for (const data of withoutUid) {
    if (data.recurrenceId === null) readMaster(data, [], reading);
    else readOrphanOverride(data, reading);
  }
  return { events: reading.events, problems: reading.problems, readable: reading.readable };
}

/** VEVENTs sharing a UID: the series (or a repeated single event) and its overrides. */
function readGroup(components: readonly VEventData[], reading: Reading): void {
  const overrides = components.filter((data) => data.recurrenceId !== null);
  let overridesTaken = false;
  for (const data of components) {
    if (data.recurrenceId === null && readMaster(data, overridesTaken ? [] : overrides, reading)) {
      overridesTaken = true;
    }
  }
  if (!overridesTaken) for (const override of overrides) readOrphanOverride(override, reading);
}

/** A VEVENT without RECURRENCE-ID: a single event, or a series. True when it was a series (and took the overrides). */
function readMaster(master: VEventData, overrides: readonly VEventData[], reading: Reading): boolean {
  const messages = [...master.lineProblems];
  let series = false;
  try {
    const timing = startOf(master, reading, messages);
    if (timing) {
      const { start, startMs } = timing;
      const endRule = endRuleOf(start, startMs, master.dtend, master.duration, reading.zones, messages);
      const rule = master.rrule ? prepareRule(master.rrule, start, reading.window, messages) : null;
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
        reading.events.push(event);
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
      reading.events.push(
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
