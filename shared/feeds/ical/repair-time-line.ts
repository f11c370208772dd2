/**
 * Repairs for the DATE/DATE-TIME lines (DTSTART, DTEND, RECURRENCE-ID, RDATE, EXDATE) that exporters
 * get wrong in the parameters. Their values never hold a colon, so on such a line the value starts
 * after the last colon, whatever the parameters hold.
 */

export const TIME_PROPERTIES: ReadonlySet<string> = new Set([
  'DTSTART',
  'DTEND',
  'RECURRENCE-ID',
  'RDATE',
  'EXDATE',
]);

/**
 * Outlook writes display-name TZIDs unquoted, colon, semicolon and all
 * ("DTSTART;TZID=(UTC-05:00) Eastern Time (US & Canada):20200609T090000"); ical.js then splits at
 * the first colon and reads garbage. Returns the line with those parameter values quoted, or null
 * when the parameters need no repair. `nameEnd` is the index of the ";" after the property name.
 */
export function quoteParameterValues(line: string, nameEnd: number): string | null {
  const valueStart = line.lastIndexOf(':');
  // The usual line has one colon, or its parameters are quoted already (ical.js reads those).
  if (line.indexOf(':', nameEnd) === valueStart) return null;
  const parameters = line.slice(nameEnd + 1, valueStart);
  if (parameters.includes('"')) return null;
  const parts: string[] = [];
  for (const segment of parameters.split(';')) {
    // A segment without "=" is the rest of the previous value ("…(US & Canada); Tijuana").
    if (!segment.includes('=') && parts.length > 0) parts[parts.length - 1] += `;${segment}`;
    else parts.push(segment);
  }
  const quoted = parts.map((part) => {
    const equals = part.indexOf('=');
    const value = part.slice(equals + 1);
    return equals !== -1 && /[:;,]/.test(value) ? `${part.slice(0, equals + 1)}"${value}"` : part;
  });
  return `${line.slice(0, nameEnd)};${quoted.join(';')}${line.slice(valueStart)}`;
}

/** `;TZID="W. Europe Standard Time:20200609T090000"` (closing quote optional): the value inside the quotes. */
const VALUE_IN_QUOTES = /^(.*=")([^"]*?):(\d{8}(?:T\d{6}Z?)?(?:[,/][0-9A-Z+-]+)*)"?\s*$/;

/**
 * Some exporters quote the parameter value together with the property value
 * (`DTSTART;TZID="W. Europe Standard Time:20200609T090000"`), which ical.js rejects. Returns the
 * line with the closing quote moved before the value, or null when the line is not of that shape.
 */
export function valueOutOfQuotes(line: string): string | null {
  const match = VALUE_IN_QUOTES.exec(line);
  return match ? `${match[1]}${match[2]}":${match[3]}` : null;
}
