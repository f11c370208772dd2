import { eventCapProblem } from '../event-cap.ts';
import { FeedParseError } from '../feed-errors.ts';
import type { ExpansionWindow, FeedProblem } from '../feed-event.ts';
import type { RawEvent, RawFeed } from '../raw-event.ts';
import { readCalendarEvents } from './calendar-events.ts';
import { calendarZones } from './calendar-zones.ts';
import { MAX_RULE_ITERATIONS_PER_FEED } from './expand-series.ts';
import { nonBlank, unescapeText } from './ical-text.ts';
import { firstText, type JCalComponent } from './jcal.ts';
import { readICalendarDocument } from './read-icalendar-document.ts';
import type { EventBudget, EventOutput, EventSink } from './reading.ts';
import { vtimezoneTzid } from './vtimezone-tzid.ts';

export interface ICalendarOptions {
  /** Zone for floating times when the calendar names none (X-WR-TIMEZONE, its only VTIMEZONE); null → UTC. */
  readonly defaultTimeZone: string | null;
  /** The most events to return (occurrences included); the rest is left out with a problem. Unlimited when absent. */
  readonly maxEvents?: number;
}

/**
 * An iCalendar feed as RawEvents: one per VEVENT, or per occurrence (in `window`) of a recurring
 * series, times resolved to UTC instants with their IANA zone. Every event that can be read comes
 * out; each one that cannot is a FeedProblem. Throws FeedParseError only when the text is not
 * iCalendar or none of its VEVENTs can be read.
 */
export function parseICalendar(text: string, window: ExpansionWindow, options: ICalendarOptions): RawFeed {
  const added: RawEvent[] = [];
  const { title, problems, takenBack } = readICalendar(text, window, options, {
    add: (event) => added.push(event),
  });
  const events = takenBack.size === 0 ? added : added.filter((_, slot) => !takenBack.has(slot));
  return { title, events, problems };
}

/** What readICalendar tells besides the events it hands over. */
export interface ICalendarReading {
  readonly title: string | null;
  readonly problems: FeedProblem[];
  /** Slots (positions among the events handed over) of events taken back: they are not in the feed. */
  readonly takenBack: ReadonlySet<number>;
}

/**
 * parseICalendar's reading, each event handed to `sink` as soon as it is decided instead of
 * gathered into an array: the caller can turn it into what it keeps while it is fresh.
 */
export function readICalendar(
  text: string,
  window: ExpansionWindow,
  options: ICalendarOptions,
  sink: EventSink,
): ICalendarReading {
  const document = readICalendarDocument(text);
  const problems: FeedProblem[] = document.problems.map(({ message, severity }) => ({
    entry: null,
    message,
    severity,
  }));
  let title: string | null = null;
  let veventCount = 0;
  let readable = 0;
  const maxEvents = options.maxEvents ?? Number.POSITIVE_INFINITY;
  const budget: EventBudget = {
    remaining: maxEvents,
    exceeded: false,
    ruleIterations: MAX_RULE_ITERATIONS_PER_FEED,
  };
  const output: EventOutput = { sink, added: 0, takenBack: new Set() };

  for (const { calendar, vevents } of document.calendars) {
    const parts = calendarParts(calendar);
    title ??= parts.title;
    const zones = calendarZones(parts.vtimezones, parts.timeZone, options.defaultTimeZone);
    for (const { message, severity } of zones.problems) problems.push({ entry: null, message, severity });
    const result = readCalendarEvents(vevents, veventCount + 1, zones, window, budget, output);
    veventCount += vevents.length;
    readable += result.readable;
    for (const problem of result.problems) problems.push(problem);
  }

  if (budget.exceeded) problems.push(eventCapProblem(maxEvents));
  if (veventCount > 0 && readable === 0) {
    const first = problems[0];
    throw new FeedParseError(
      `none of the ${veventCount} VEVENTs could be read${first ? ` (first problem: ${first.message})` : ''}`,
    );
  }
  return { title, problems, takenBack: output.takenBack };
}

interface CalendarParts {
  readonly title: string | null;
  readonly timeZone: string | null;
  readonly vtimezones: Map<string, JCalComponent>;
}

function calendarParts(calendar: JCalComponent): CalendarParts {
  let calendarName: string | null = null;
  let name: string | null = null;
  let timeZone: string | null = null;
  for (const property of calendar[1]) {
    const value = firstText(property);
    if (value === null) continue;
    if (property[0] === 'x-wr-calname') calendarName ??= nonBlank(unescapeText(value).trim());
    else if (property[0] === 'name') name ??= nonBlank(unescapeText(value).trim());
    else if (property[0] === 'x-wr-timezone') timeZone ??= nonBlank(value.trim());
  }
  const vtimezones = new Map<string, JCalComponent>();
  for (const component of calendar[2]) {
    if (component[0] === 'vtimezone') {
      const id = vtimezoneTzid(component);
      if (id !== null) vtimezones.set(id, component);
    }
  }
  return { title: calendarName ?? name, timeZone, vtimezones };
}
