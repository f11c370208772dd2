import ICAL from 'ical.js';
import type { JCalComponent, JCalProperty } from './jcal.ts';
import { type ProblemNote, warningNote } from './problem-notes.ts';

export interface TolerantReading {
  readonly calendars: JCalComponent[];
  /** What had to be dropped or repaired; warnings, as this text holds no VEVENT (see splitICalendar). */
  readonly problems: ProblemNote[];
}

/** Components that only ever sit directly in a VCALENDAR: a BEGIN of one closes whatever was left open. */
const CALENDAR_CHILDREN = new Set(['vevent', 'vtodo', 'vjournal', 'vfreebusy', 'vtimezone']);
const SHOWN_LINE_LENGTH = 60;

/**
 * Reads the calendar part of a feed (its VEVENTs cut out) that ICAL.parse rejected, one unfolded
 * content line at a time: each property goes through ical.js's own line parser, a line it cannot
 * read is dropped and recorded, a missing END is supplied where the next component begins.
 * `feedLineOf` maps the text's line numbers to the feed's, for the messages.
 */
export function readICalendarTolerantly(
  text: string,
  feedLineOf: (line: number) => number = (line) => line,
): TolerantReading {
  const calendars: JCalComponent[] = [];
  const problems: ProblemNote[] = [];
  const stack: JCalComponent[] = [];
  const report = (message: string): void => {
    problems.push(warningNote(message));
  };
  const closeDownTo = (depth: number): void => {
    while (stack.length > depth) {
      report(`missing END:${(stack.pop() as JCalComponent)[0].toUpperCase()}`);
    }
  };

  for (const { line, lineNumber: ownLineNumber } of unfoldedLines(text)) {
    const lineNumber = feedLineOf(ownLineNumber);
    const nameEnd = firstIndexOfAny(line, ':', ';');
    const name = (nameEnd === -1 ? line : line.slice(0, nameEnd)).trim().toUpperCase();
    const value =
      nameEnd === -1
        ? ''
        : line
            .slice(line.indexOf(':') + 1)
            .trim()
            .toLowerCase();
    if (name === 'BEGIN' && value !== '') {
      const component: JCalComponent = [value, [], []];
      if (value === 'vcalendar') {
        closeDownTo(0);
        calendars.push(component);
        stack.push(component);
        continue;
      }
      if (stack.length === 0) {
        report(`line ${lineNumber}: BEGIN:${value.toUpperCase()} outside a VCALENDAR`);
        const implicit: JCalComponent = ['vcalendar', [], []];
        calendars.push(implicit);
        stack.push(implicit);
      } else if (CALENDAR_CHILDREN.has(value)) {
        closeDownTo(1);
      }
      (stack[stack.length - 1] as JCalComponent)[2].push(component);
      stack.push(component);
    } else if (name === 'END' && value !== '') {
      let depth = stack.length - 1;
      while (depth >= 0 && (stack[depth] as JCalComponent)[0] !== value) depth--;
      if (depth < 0) {
        report(`line ${lineNumber}: END:${value.toUpperCase()} without BEGIN`);
      } else {
        closeDownTo(depth + 1);
        stack.pop();
      }
    } else if (stack.length === 0) {
      report(`line ${lineNumber}: text outside a VCALENDAR ignored ('${shown(line)}')`);
    } else {
      const property = readProperty(line);
      if (typeof property === 'string') {
        report(`line ${lineNumber}: unreadable line '${shown(line)}' dropped (${property})`);
      } else {
        (stack[stack.length - 1] as JCalComponent)[1].push(property);
      }
    }
  }
  closeDownTo(0);
  return { calendars, problems };
}

/** The jCal property of one content line, or the reason it cannot be read. */
function readProperty(line: string): JCalProperty | string {
  try {
    const property: unknown = ICAL.parse.property(line, ICAL.design.icalendar);
    return Array.isArray(property) ? (property as JCalProperty) : 'not a property';
  } catch (error) {
    // ical.js repeats the line in quotes in its messages; the report shows it already.
    const message = error instanceof Error ? error.message : String(error);
    return message.replace(` "${line}"`, '').replace(` '${line}'`, '');
  }
}

function* unfoldedLines(text: string): Generator<{ line: string; lineNumber: number }> {
  const physical = text.split(/\r\n|\n|\r/);
  let current: string | null = null;
  let currentNumber = 0;
  for (let i = 0; i < physical.length; i++) {
    const line = physical[i] as string;
    const first = line.charCodeAt(0);
    if ((first === 32 || first === 9) && current !== null) {
      current += line.slice(1);
      continue;
    }
    if (current !== null && current.trim() !== '') yield { line: current, lineNumber: currentNumber };
    current = line;
    currentNumber = i + 1;
  }
  if (current !== null && current.trim() !== '') yield { line: current, lineNumber: currentNumber };
}

function firstIndexOfAny(line: string, a: string, b: string): number {
  const first = line.indexOf(a);
  const second = line.indexOf(b);
  if (first === -1) return second;
  if (second === -1) return first;
  return Math.min(first, second);
}

function shown(text: string): string {
  return text.length > SHOWN_LINE_LENGTH ? `${text.slice(0, SHOWN_LINE_LENGTH)}…` : text;
}
