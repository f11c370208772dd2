import ICAL from 'ical.js';
import { FeedParseError } from '../feed-errors.ts';
import { isJCalComponent, type JCalComponent } from './jcal.ts';
import type { ProblemNote } from './problem-notes.ts';
import { readICalendarTolerantly } from './read-icalendar-tolerantly.ts';
import { splitICalendar, type VEventBlock } from './split-icalendar.ts';

export interface CalendarDocument {
  /** The VCALENDAR without its VEVENTs: calendar properties, VTIMEZONEs. */
  readonly calendar: JCalComponent;
  /** Its VEVENTs, still as text: each is parsed when its turn comes (readVEventBlock). */
  readonly vevents: VEventBlock[];
}

export interface ICalendarDocument {
  readonly calendars: CalendarDocument[];
  /** Problems outside any VEVENT. */
  readonly problems: readonly ProblemNote[];
}

const CALENDAR_START = /^[ \t]*BEGIN[ \t]*:[ \t]*VCALENDAR[ \t]*\r?$/im;

/**
 * The VCALENDARs of an iCalendar text, their VEVENTs cut out as text blocks (see splitICalendar).
 * The rest goes through ICAL.parse, or line by line when ICAL.parse rejects it. Throws
 * FeedParseError when the text is not iCalendar at all. Accepts a UTF-8 BOM, CRLF or bare LF.
 */
export function readICalendarDocument(input: string): ICalendarDocument {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (!CALENDAR_START.test(text)) {
    throw new FeedParseError('not an iCalendar document: no BEGIN:VCALENDAR line');
  }
  const { skeleton, feedLineOf, vevents } = splitICalendar(text);
  const { components, problems } = readSkeleton(skeleton, feedLineOf);
  // One VCALENDAR (nearly every feed): every block is its own, in order.
  if (components.length <= 1) {
    return { calendars: [{ calendar: components[0] ?? ['vcalendar', [], []], vevents }], problems };
  }
  const calendars: CalendarDocument[] = components.map((calendar) => ({ calendar, vevents: [] }));
  for (const block of vevents) {
    (calendars[Math.min(block.calendar, calendars.length - 1)] as CalendarDocument).vevents.push(block);
  }
  return { calendars, problems };
}

function readSkeleton(
  skeleton: string,
  feedLineOf: (line: number) => number,
): { components: JCalComponent[]; problems: readonly ProblemNote[] } {
  try {
    const parsed: unknown = ICAL.parse(skeleton);
    const roots = isJCalComponent(parsed) ? [parsed] : Array.isArray(parsed) ? parsed : [];
    if (roots.length > 0 && roots.every((root) => isJCalComponent(root) && root[0] === 'vcalendar')) {
      return { components: roots as JCalComponent[], problems: [] };
    }
  } catch {
    // read line by line below
  }
  const tolerant = readICalendarTolerantly(skeleton, feedLineOf);
  return { components: tolerant.calendars, problems: tolerant.problems };
}
