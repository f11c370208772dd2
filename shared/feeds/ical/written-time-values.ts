import type { JCalProperty } from './jcal.ts';

/**
 * The value of a DATE/DATE-TIME line as the feed wrote it, for the lines ical.js parsed: it cuts an
 * unreadable value into a date's slots ("Next Year" comes back as "Next- Y-ea"), so a problem
 * quoting the jCal value would misquote the feed. Held weakly: only problems read it.
 */
const writtenValues = new WeakMap<JCalProperty, string>();

export function rememberWrittenValue(property: JCalProperty, line: string): void {
  // These values never hold a colon (see repair-time-line.ts): the value is what follows the last.
  writtenValues.set(property, line.slice(line.lastIndexOf(':') + 1));
}

export function writtenValueOf(property: JCalProperty): string | undefined {
  return writtenValues.get(property);
}
