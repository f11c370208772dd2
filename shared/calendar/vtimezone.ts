import { ianaZoneRules } from '../time/zone-rules.ts';

/*
 * VTIMEZONE blocks written from the runtime's own tz database (Intl), not from a bundled copy that
 * ages: every offset change inside the feed's span becomes one STANDARD or DAYLIGHT observance with
 * an explicit DTSTART, so no client has to guess a rule (and Outlook does not shift times by an hour,
 * ical-generator #680).
 */

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
/** Coarse scan step: no zone has two offset changes within a week. */
const scanStepMs = 7 * dayMs;

export interface OffsetChange {
  /** The instant the new offset starts. */
  readonly atMs: number;
  readonly offsetFromMs: number;
  readonly offsetToMs: number;
}

/** Offset changes of an IANA zone in [fromMs, toMs), found by scanning weeks and bisecting to the minute. */
export function offsetChangesBetween(timeZone: string, fromMs: number, toMs: number): OffsetChange[] {
  const { offsetAt } = ianaZoneRules(timeZone);
  const changes: OffsetChange[] = [];
  let before = fromMs;
  let beforeOffset = offsetAt(before);
  while (before < toMs) {
    const after = Math.min(before + scanStepMs, toMs);
    const afterOffset = offsetAt(after);
    if (afterOffset !== beforeOffset) {
      let low = before;
      let high = after;
      while (high - low > 60_000) {
        const middle = low + Math.floor((high - low) / 120_000) * 60_000;
        if (offsetAt(middle) === beforeOffset) low = middle;
        else high = middle;
      }
      changes.push({ atMs: high, offsetFromMs: beforeOffset, offsetToMs: offsetAt(high) });
    }
    before = after;
    beforeOffset = afterOffset;
  }
  return changes;
}

function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const minutes = Math.abs(Math.round(offsetMs / 60_000));
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}${String(minutes % 60).padStart(2, '0')}`;
}

/** Local wall time (in the offset before the change) as an iCalendar DATE-TIME without zone. */
function localStamp(utcMs: number, offsetMs: number): string {
  return new Date(utcMs + offsetMs)
    .toISOString()
    .replace(/\.\d{3}Z$/, '')
    .replace(/[-:]/g, '');
}

/** CLDR gives each zone's usual abbreviation only in the locales where it is used (CET in en-GB, IST in en-IN). */
const abbreviationLocales = ['en-US', 'en-GB', 'en-IN', 'en-AU', 'en-NZ', 'en-ZA', 'en-SG'];

function zoneAbbreviation(timeZone: string, atMs: number): string | null {
  for (const locale of abbreviationLocales) {
    const name = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
      .formatToParts(atMs)
      .find((entry) => entry.type === 'timeZoneName')?.value;
    // "GMT+5:30" is not a name; leave TZNAME out rather than write a made-up one.
    if (name && !/^(GMT|UTC)[+-]/.test(name)) return name;
  }
  return null;
}

/**
 * A VTIMEZONE for `timeZone` valid over [fromMs, toMs): the offset in force at the start, then each
 * change. An observance is DAYLIGHT when its offset is above the smallest offset of the span.
 */
export function vtimezoneFor(timeZone: string, fromMs: number, toMs: number): string {
  const { offsetAt } = ianaZoneRules(timeZone);
  const startOffset = offsetAt(fromMs);
  const changes = offsetChangesBetween(timeZone, fromMs, toMs);
  const standardOffset = Math.min(startOffset, ...changes.map((change) => change.offsetToMs));
  const observance = (atMs: number, from: number, to: number) => {
    const kind = to > standardOffset ? 'DAYLIGHT' : 'STANDARD';
    const name = zoneAbbreviation(timeZone, atMs);
    return [
      `BEGIN:${kind}`,
      `DTSTART:${localStamp(atMs, from)}`,
      `TZOFFSETFROM:${formatOffset(from)}`,
      `TZOFFSETTO:${formatOffset(to)}`,
      ...(name ? [`TZNAME:${name}`] : []),
      `END:${kind}`,
    ];
  };
  // The first observance starts a day before the span, so every instant in it is covered.
  const lines = [
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
    ...observance(fromMs - dayMs, startOffset, startOffset),
    ...changes.flatMap((change) => observance(change.atMs, change.offsetFromMs, change.offsetToMs)),
    'END:VTIMEZONE',
  ];
  return lines.join('\r\n');
}
