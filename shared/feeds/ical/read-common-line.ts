import { unescapeText } from './ical-text.ts';
import { jCalDate, jCalLocalDateTime } from './ical-time-values.ts';
import type { JCalParameters, JCalProperty } from './jcal.ts';
import { readRecurValue } from './read-recur-value.ts';

/*
 * Most lines of a real feed are a handful of shapes: a DATE or DATE-TIME with a TZID, a DURATION, a
 * CATEGORIES list, an ORGANIZER with its CN, a SEQUENCE, an RRULE (see readRecurValue). ical.js's
 * general line parser costs more than everything else done with such a line, so these shapes are
 * read here, into exactly the jCal that ICAL.parse.property (with DESIGN_SET) makes of them: a test
 * compares both over every line of the fixtures. Anything unusual (RFC 6868 escapes, multi-valued
 * or comma-holding parameters, PERIODs, months in a duration, VALUE types other than DATE /
 * DATE-TIME…) returns null and goes to ical.js as before.
 */

const TIME_NAMES: ReadonlyMap<string, { readonly name: string; readonly multiple: boolean }> = new Map([
  ['DTSTART', { name: 'dtstart', multiple: false }],
  ['DTEND', { name: 'dtend', multiple: false }],
  ['RECURRENCE-ID', { name: 'recurrence-id', multiple: false }],
  ['EXDATE', { name: 'exdate', multiple: true }],
  ['RDATE', { name: 'rdate', multiple: true }],
]);
const TEXT_NAMES: ReadonlyMap<string, { readonly name: string; readonly type: 'text' | 'uri' }> = new Map([
  ['SUMMARY', { name: 'summary', type: 'text' }],
  ['DESCRIPTION', { name: 'description', type: 'text' }],
  ['LOCATION', { name: 'location', type: 'text' }],
  ['URL', { name: 'url', type: 'uri' }],
]);
const DATE = /^\d{8}$/;
const DATE_TIME = /^\d{8}T\d{6}Z?$/;
/** Weeks, or days and a time part; never months or years (ical.js's own reading of those is kept). */
const DURATION =
  /^[+-]?P(?:\d+W|\d+D(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?|T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)$/;
const SEQUENCE = /^\d{1,9}$/;
const PARAMETER_NAME = /^[A-Za-z0-9-]+$/;

/**
 * The jCal property of a common line, or null when the line is not one of the common shapes.
 * `name` is the property name as written, upper case; `nameEnd` the index of the ";" or ":" after it.
 */
export function readCommonLine(line: string, nameEnd: number, name: string): JCalProperty | null {
  if (name === 'RRULE') {
    // Written without parameters only; the rest stays ical.js's.
    if (line.charCodeAt(nameEnd) !== 58 /* : */) return null;
    const data = readRecurValue(line.slice(nameEnd + 1));
    return data === null ? null : ['rrule', {}, 'recur', data];
  }
  const parsed = readParameters(line, nameEnd);
  if (parsed === null) return null;
  const { parameters, valueStart, valueType } = parsed;
  const value = line.slice(valueStart);
  const time = TIME_NAMES.get(name);
  if (time) return readTimeLine(time.name, time.multiple, parameters, valueType, value);
  if (valueType !== null) return null;
  switch (name) {
    case 'CATEGORIES':
      if (value === '' || value.includes('\\') || value.includes(',,')) return null;
      return ['categories', parameters, 'text', ...value.split(',')];
    case 'ORGANIZER':
      return ['organizer', parameters, 'cal-address', value];
    case 'ATTENDEE':
      return ['attendee', parameters, 'cal-address', value];
    case 'DURATION':
      return parsed.any || !DURATION.test(value) ? null : ['duration', parameters, 'duration', value];
    case 'SEQUENCE':
      return parsed.any || !SEQUENCE.test(value) ? null : ['sequence', parameters, 'integer', Number(value)];
  }
  const text = TEXT_NAMES.get(name);
  if (text) return [text.name, parameters, text.type, text.type === 'text' ? unescapeText(value) : value];
  return null;
}

function readTimeLine(
  name: string,
  multiple: boolean,
  parameters: JCalParameters,
  valueType: string | null,
  value: string,
): JCalProperty | null {
  const isDate = valueType === 'DATE';
  if (valueType !== null && !isDate && valueType !== 'DATE-TIME') return null;
  const type = isDate ? 'date' : 'date-time';
  if (!multiple || !value.includes(',')) {
    const jCalValue = jCalTime(value, isDate, parameters);
    return jCalValue === null ? null : [name, parameters, type, jCalValue];
  }
  const property: JCalProperty = [name, parameters, type];
  for (const one of value.split(',')) {
    const jCalValue = jCalTime(one, isDate, parameters);
    if (jCalValue === null) return null;
    property.push(jCalValue);
  }
  return property;
}

/**
 * "20260329" → "2026-03-29", "20260329T023000Z" → "2026-03-29T02:30:00Z", as one string (a template
 * of six slices made a rope of a dozen pieces per value); null when not of that shape.
 */
function jCalTime(written: string, isDate: boolean, parameters: JCalParameters): string | null {
  if (isDate) return DATE.test(written) ? jCalDate(written) : null;
  // A UTC time with a TZID beside it is left to ical.js.
  if (!DATE_TIME.test(written) || (written.length === 16 && parameters.tzid !== undefined)) return null;
  return written.length === 16 ? `${jCalLocalDateTime(written)}Z` : jCalLocalDateTime(written);
}

interface Parameters {
  readonly parameters: JCalParameters;
  /** Index of the first character of the value. */
  readonly valueStart: number;
  /** VALUE=…, upper case, taken out of the parameters as ical.js does; null when absent. */
  readonly valueType: string | null;
  /** Whether the line had any parameter. */
  readonly any: boolean;
}

/** `;NAME=value` or `;NAME="value"` pairs up to the ":" before the value; null for anything else. */
function readParameters(line: string, nameEnd: number): Parameters | null {
  const parameters: JCalParameters = {};
  let valueType: string | null = null;
  let any = false;
  let at = nameEnd;
  while (line.charCodeAt(at) === 59 /* ; */) {
    const equals = line.indexOf('=', at + 1);
    if (equals === -1) return null;
    const key = line.slice(at + 1, equals);
    if (!PARAMETER_NAME.test(key)) return null;
    let value: string;
    if (line.charCodeAt(equals + 1) === 34 /* " */) {
      const close = line.indexOf('"', equals + 2);
      if (close === -1) return null;
      value = line.slice(equals + 2, close);
      at = close + 1;
      const next = line.charCodeAt(at);
      if (next !== 59 && next !== 58) return null;
    } else {
      let end = equals + 1;
      for (; end < line.length; end++) {
        const code = line.charCodeAt(end);
        if (code === 59 || code === 58) break;
        if (code === 34 || code === 44 /* , */) return null;
      }
      if (end === line.length) return null;
      value = line.slice(equals + 1, end);
      at = end;
    }
    // RFC 6868 escapes and lists are ical.js's to read.
    if (value.includes('^') || value.includes(',')) return null;
    const lowerKey = key.toLowerCase();
    if (lowerKey === 'value') {
      valueType = value.toUpperCase();
    } else {
      if (lowerKey in parameters || lowerKey === '__proto__') return null;
      parameters[lowerKey] = value;
      any = true;
    }
  }
  if (line.charCodeAt(at) !== 58 /* : */) return null;
  return { parameters, valueStart: at + 1, valueType, any: any || valueType !== null };
}
