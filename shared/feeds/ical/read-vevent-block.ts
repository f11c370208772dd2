import ICAL from 'ical.js';
import { DESIGN_SET } from './ical-design-set.ts';
import { unescapeText } from './ical-text.ts';
import type { JCalComponent, JCalParameters, JCalProperty } from './jcal.ts';
import { errorNote, type ProblemNote, warningNote } from './problem-notes.ts';
import { readCommonLine } from './read-common-line.ts';
import { PROPERTIES_READ } from './read-vevent.ts';
import { quoteParameterValues, TIME_PROPERTIES, valueOutOfQuotes } from './repair-time-line.ts';
import type { VEventBlock } from './split-icalendar.ts';
import { rememberWrittenValue } from './written-time-values.ts';

export interface VEventComponents {
  /** Normally one; none when the block had nothing but its BEGIN line. */
  readonly vevents: JCalComponent[];
  /** Lines that had to be dropped or repaired, per VEVENT. */
  readonly lineProblems: ReadonlyMap<JCalComponent, readonly ProblemNote[]>;
}

/**
 * Single-valued TEXT, URI and unknown (X-) properties written without parameters ("SUMMARY:…"), most of
 * a feed's lines: their jCal form is exactly what ICAL.parse.property makes of them (the value after
 * the first ":", unescaped for TEXT), built here without its general machinery. Every other line,
 * and these with parameters, goes through ical.js.
 */
interface PlainProperty {
  readonly name: string;
  readonly type: 'text' | 'uri' | 'unknown';
}

const PLAIN_PROPERTIES: ReadonlyMap<string, PlainProperty> = new Map([
  ['UID', { name: 'uid', type: 'text' }],
  ['SUMMARY', { name: 'summary', type: 'text' }],
  ['DESCRIPTION', { name: 'description', type: 'text' }],
  ['LOCATION', { name: 'location', type: 'text' }],
  ['STATUS', { name: 'status', type: 'text' }],
  ['URL', { name: 'url', type: 'uri' }],
  // Join links: the standard one (without VALUE=URI, as ical.js reads it) and the vendors' own, kept
  // as written.
  ['CONFERENCE', { name: 'conference', type: 'unknown' }],
  ['X-GOOGLE-CONFERENCE', { name: 'x-google-conference', type: 'unknown' }],
  ['X-MICROSOFT-SKYPETEAMSMEETINGURL', { name: 'x-microsoft-skypeteamsmeetingurl', type: 'unknown' }],
  [
    'X-MICROSOFT-ONLINEMEETINGEXTERNALLINK',
    { name: 'x-microsoft-onlinemeetingexternallink', type: 'unknown' },
  ],
]);
/**
 * Revision stamps, only ever compared (see latestRevision): kept as the text after the last colon,
 * unparsed, as every VEVENT has a DTSTAMP and parsing it would cost as much as a DTSTART.
 */
const STAMP_PROPERTIES: ReadonlyMap<string, string> = new Map([
  ['DTSTAMP', 'dtstamp'],
  ['LAST-MODIFIED', 'last-modified'],
]);
const NO_PROBLEMS: ReadonlyMap<JCalComponent, readonly ProblemNote[]> = new Map();
/** The parameters of every line written without any (read only, so one object serves them all). */
const NO_PARAMETERS: JCalParameters = Object.freeze({});
const SHOWN_LINE_LENGTH = 60;

/**
 * The VEVENT of one block, content line by content line: each line a RawEvent needs goes through
 * ical.js's line parser (ICAL.parse.property), the others (DTSTAMP, ATTENDEE, alarms…) are skipped
 * unparsed. A line ical.js cannot read is dropped and recorded; a missing END:VEVENT is supplied.
 * Unfolding follows ICAL.parse: a line starting with a space or tab continues the previous one.
 */
export function readVEventBlock(block: VEventBlock): VEventComponents {
  const { text } = block;
  const vevents: JCalComponent[] = [];
  let lineProblems: Map<JCalComponent, ProblemNote[]> | null = null;
  let current: JCalComponent | null = null;
  /** Depth of components nested in the VEVENT (VALARM…), whose lines are skipped. */
  let nested = 0;

  const report = (note: ProblemNote): void => {
    if (!current) return;
    lineProblems ??= new Map();
    const list = lineProblems.get(current);
    if (list) list.push(note);
    else lineProblems.set(current, [note]);
  };

  const handle = (line: string, lineNumber: number): void => {
    let nameEnd = 0;
    while (nameEnd < line.length) {
      const code = line.charCodeAt(nameEnd);
      if (code === 58 /* : */ || code === 59 /* ; */) break;
      nameEnd++;
    }
    const known = nameWrittenAt(line, nameEnd);
    const written = known === null ? line.slice(0, nameEnd) : known.name;
    const name = known?.name ?? (PROPERTIES_READ.has(written) ? written : written.trim().toUpperCase());
    const kind = known ?? LINE_NAMES.get(name) ?? NOT_READ;
    if (kind.marker) {
      const component =
        line.length === nameEnd + 7 && line.endsWith(':VEVENT')
          ? 'VEVENT'
          : line
              .slice(nameEnd + 1)
              .trim()
              .toUpperCase();
      if (name === 'BEGIN' && component === 'VEVENT' && nested === 0) {
        current = ['vevent', [], []];
        vevents.push(current);
      } else if (name === 'BEGIN') {
        nested++;
      } else if (component === 'VEVENT') {
        // Also closes an alarm left open inside it.
        nested = 0;
        current = null;
      } else if (nested > 0) {
        nested--;
      }
      return;
    }
    // Properties no RawEvent field needs are skipped unparsed; a line that is no property at all
    // (no ":") still goes to ical.js, to be reported.
    if (!current || nested > 0 || (!kind.read && nameEnd < line.length)) return;
    const { plain, stamp } = kind;
    if (plain !== undefined && line.charCodeAt(nameEnd) === 58 /* ":" — no parameters */) {
      const value = line.slice(nameEnd + 1);
      current[1].push([
        plain.name,
        NO_PARAMETERS,
        plain.type,
        plain.type === 'text' ? unescapeText(value) : value,
      ]);
      return;
    }
    if (stamp !== undefined) {
      current[1].push([stamp, NO_PARAMETERS, 'text', line.slice(line.lastIndexOf(':') + 1).trim()]);
      return;
    }
    if (written === name) {
      const common = readCommonLine(line, nameEnd, name);
      if (common) {
        current[1].push(common);
        return;
      }
    }
    const isTime = TIME_PROPERTIES.has(name) && line.charCodeAt(nameEnd) === 59; /* ";" */
    const text = isTime ? (quoteParameterValues(line, nameEnd) ?? line) : line;
    let property: JCalProperty;
    try {
      property = ICAL.parse.property(text, DESIGN_SET) as JCalProperty;
    } catch (error) {
      const repaired = isTime ? parseValueOutOfQuotes(text) : null;
      if (repaired) {
        current[1].push(repaired);
        report(
          warningNote(`line ${lineNumber}: value read from inside a quoted parameter ('${shown(line)}')`),
        );
        return;
      }
      // ical.js repeats the line in quotes in its messages; the report shows it already.
      const reason = (error instanceof Error ? error.message : String(error)).replace(` "${line}"`, '');
      // Without its RRULE a series shrinks to one event; any other line lost costs a field at most
      // (a lost DTSTART is reported again, as an error, when the event is read).
      report(
        name === 'RRULE'
          ? errorNote(
              `invalid RRULE '${shown(line.slice(nameEnd + 1))}' (${reason}); only the first occurrence is kept`,
            )
          : warningNote(`line ${lineNumber}: unreadable line '${shown(line)}' dropped (${reason})`),
      );
      return;
    }
    if (TIME_PROPERTIES.has(name)) rememberWrittenValue(property, line);
    current[1].push(property);
  };

  let logical: string | null = null;
  let logicalNumber = 0;
  let lineNumber = block.firstLine - 1;
  for (let position = 0; position < text.length; ) {
    lineNumber++;
    let end = text.indexOf('\n', position);
    if (end === -1) end = text.length;
    const next = end + 1;
    if (end > position && text.charCodeAt(end - 1) === 13) end--;
    const first = text.charCodeAt(position);
    if ((first === 32 || first === 9) && logical !== null) {
      logical += text.slice(position + 1, end);
    } else {
      if (logical) handle(logical, logicalNumber);
      logical = text.slice(position, end);
      logicalNumber = lineNumber;
    }
    position = next;
  }
  if (logical) handle(logical, logicalNumber);
  if (current) report(warningNote('missing END:VEVENT'));
  return { vevents, lineProblems: lineProblems ?? NO_PROBLEMS };
}

/** What a line's name tells the block reader, worked out once per name instead of looked up per line. */
interface LineName {
  /** Upper case, as the line should be written. */
  readonly name: string;
  /** BEGIN or END. */
  readonly marker: boolean;
  /** Whether readVEvent uses the property (PROPERTIES_READ). */
  readonly read: boolean;
  readonly plain: PlainProperty | undefined;
  readonly stamp: string | undefined;
}

const LINE_NAMES: ReadonlyMap<string, LineName> = new Map(
  ['BEGIN', 'END', ...PROPERTIES_READ].map((name) => [
    name,
    {
      name,
      marker: name === 'BEGIN' || name === 'END',
      read: PROPERTIES_READ.has(name),
      plain: PLAIN_PROPERTIES.get(name),
      stamp: STAMP_PROPERTIES.get(name),
    },
  ]),
);
const NOT_READ: LineName = { name: '', marker: false, read: false, plain: undefined, stamp: undefined };

/**
 * The names a block's lines are mostly written with, by length: a line's name is compared in place
 * and its LineName returned, instead of cutting out a new string per line and hashing it for every
 * lookup by name.
 */
const NAMES_BY_LENGTH: ReadonlyMap<number, readonly LineName[]> = groupByLength([...LINE_NAMES.values()]);

function groupByLength(names: readonly LineName[]): Map<number, LineName[]> {
  const byLength = new Map<number, LineName[]>();
  for (const name of names) {
    const list = byLength.get(name.name.length);
    if (list) list.push(name);
    else byLength.set(name.name.length, [name]);
  }
  return byLength;
}

/** The line's name when it is one of NAMES_BY_LENGTH exactly as written (upper case, no blanks), else null. */
function nameWrittenAt(line: string, nameEnd: number): LineName | null {
  const candidates = NAMES_BY_LENGTH.get(nameEnd);
  if (candidates === undefined) return null;
  for (const candidate of candidates) if (line.startsWith(candidate.name)) return candidate;
  return null;
}

function parseValueOutOfQuotes(line: string): JCalProperty | null {
  const repaired = valueOutOfQuotes(line);
  if (repaired === null) return null;
  try {
    return ICAL.parse.property(repaired, DESIGN_SET) as JCalProperty;
  } catch {
    return null;
  }
}

function shown(text: string): string {
  return text.length > SHOWN_LINE_LENGTH ? `${text.slice(0, SHOWN_LINE_LENGTH)}…` : text;
}
