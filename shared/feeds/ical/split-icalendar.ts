/** One VEVENT's lines, cut out of the feed text. */
export interface VEventBlock {
  readonly text: string;
  /** 1-based line number of its BEGIN:VEVENT in the feed. */
  readonly firstLine: number;
  /** Which VCALENDAR of the feed it sits in (0-based). */
  readonly calendar: number;
}

export interface SplitICalendar {
  /** The feed without its VEVENTs: calendar properties, VTIMEZONEs… */
  readonly skeleton: string;
  /** The feed's line number of a skeleton line. */
  readonly feedLineOf: (skeletonLine: number) => number;
  readonly vevents: VEventBlock[];
}

/**
 * Cuts an iCalendar text into its VEVENT blocks and the rest, by their BEGIN/END lines (any case;
 * folded lines never start with a letter, so they cannot be mistaken for one). Each block is parsed
 * on its own afterwards: one broken VEVENT cannot take the others down, and the parse of one block
 * becomes garbage before the next, instead of a whole feed's jCal tree living at once. A block
 * missing its END stops where the next VEVENT or the VCALENDAR's end begins.
 */
export function splitICalendar(input: string): SplitICalendar {
  // Old Mac line ends (CR only) are read as LF, as ICAL.parse would otherwise see one long line.
  const text = !input.includes('\n') && input.includes('\r') ? input.replace(/\r/g, '\n') : input;
  const vevents: VEventBlock[] = [];
  const skeleton: string[] = [];
  /** Where the skeleton skips lines: [first skeleton line after the cut, lines cut so far]. */
  const cuts: [number, number][] = [];
  let cutLines = 0;
  let calendar = -1;
  let keptFrom = 0;
  let blockStart = -1;
  let blockLine = 0;
  let lineNumber = 0;

  const closeBlock = (endAt: number, endLine: number): void => {
    vevents.push({
      text: text.slice(blockStart, endAt),
      firstLine: blockLine,
      calendar: Math.max(calendar, 0),
    });
    cutLines += endLine - blockLine;
    cuts.push([endLine - cutLines, cutLines]);
    keptFrom = endAt;
    blockStart = -1;
  };

  for (let position = 0; position < text.length; ) {
    lineNumber++;
    let next = text.indexOf('\n', position);
    next = next === -1 ? text.length : next + 1;
    const marker = componentMarker(text, position, next);
    if (marker === 'BEGIN:VEVENT') {
      if (blockStart !== -1) closeBlock(position, lineNumber);
      skeleton.push(text.slice(keptFrom, position));
      blockStart = position;
      blockLine = lineNumber;
    } else if (marker === 'END:VEVENT' && blockStart !== -1) {
      closeBlock(next, lineNumber + 1);
    } else if (marker === 'END:VCALENDAR' && blockStart !== -1) {
      closeBlock(position, lineNumber);
    } else if (marker === 'BEGIN:VCALENDAR') {
      if (blockStart !== -1) closeBlock(position, lineNumber);
      calendar++;
    }
    position = next;
  }
  if (blockStart !== -1) closeBlock(text.length, lineNumber + 1);
  skeleton.push(text.slice(keptFrom));
  const feedLineOf = (skeletonLine: number): number => {
    let shift = 0;
    for (const [from, lines] of cuts) {
      if (skeletonLine < from) break;
      shift = lines;
    }
    return skeletonLine + shift;
  };
  return { skeleton: skeleton.join(''), feedLineOf, vevents };
}

const MARKERS = ['BEGIN:VEVENT', 'END:VEVENT', 'BEGIN:VCALENDAR', 'END:VCALENDAR'] as const;
const MARKER_SET: ReadonlySet<string> = new Set(MARKERS);

/** "BEGIN:VEVENT" etc. when the line [from, to) is one of the four markers (case and blanks aside). */
function componentMarker(text: string, from: number, to: number): string | null {
  const first = text.charCodeAt(from) | 0x20; // lower case
  if (first !== 0x62 /* b */ && first !== 0x65 /* e */) return null;
  if (to - from > 24) return null;
  let end = to;
  while (end > from && text.charCodeAt(end - 1) <= 32) end--;
  for (const marker of MARKERS) {
    if (end - from === marker.length && text.startsWith(marker, from)) return marker;
  }
  // Rare spellings: lower case, blanks around the colon.
  const line = text.slice(from, to).replace(/\s+/g, '').toUpperCase();
  return MARKER_SET.has(line) ? line : null;
}
