import { resolveTimeZoneId } from '../../time/zone-names.ts';
import { ianaZoneRules } from '../../time/zone-rules.ts';
import { readTimeValue } from './ical-time-values.ts';
import { firstText, type JCalComponent, type JCalProperty } from './jcal.ts';

const HOUR_MS = 3_600_000;
const UTC_OFFSET = /^([+-])(\d{2}):?(\d{2})(?::?(\d{2}))?$/;

/**
 * The TZID a VTIMEZONE stands for, or null when it has none. RFC 5545 gives it exactly one; a
 * WordPress calendar plugin (The Events Calendar) writes its fallback zone's TZID and then the
 * site's zone's in one block ("Africa/Abidjan", then "America/Los_Angeles" with PDT/PST
 * observances). Of several, the one whose IANA zone keeps the most of the block's observances
 * (each TZOFFSETTO in force an hour after its onset) wins; on a tie the last, the one written
 * beside the observances.
 */
export function vtimezoneTzid(vtimezone: JCalComponent): string | null {
  const tzids: string[] = [];
  for (const property of vtimezone[1]) {
    if (property[0] !== 'tzid') continue;
    const tzid = firstText(property);
    if (tzid !== null) tzids.push(tzid);
  }
  if (tzids.length <= 1) return tzids[0] ?? null;
  const onsets = observanceOnsets(vtimezone);
  let best = tzids[tzids.length - 1] as string;
  let bestKept = -1;
  for (let index = tzids.length - 1; index >= 0; index--) {
    const tzid = tzids[index] as string;
    const kept = observancesKept(tzid, onsets);
    if (kept > bestKept) {
      best = tzid;
      bestKept = kept;
    }
  }
  return best;
}

interface Onset {
  readonly utcMs: number;
  readonly offsetMs: number;
}

/** Each observance's first instant (its DTSTART, a wall time in TZOFFSETFROM) and the offset it brings. */
function observanceOnsets(vtimezone: JCalComponent): Onset[] {
  const onsets: Onset[] = [];
  for (const observance of vtimezone[2]) {
    const start = readTimeValue(propertyValue(observance[1], 'dtstart'));
    const from = offsetMs(propertyValue(observance[1], 'tzoffsetfrom'));
    const to = offsetMs(propertyValue(observance[1], 'tzoffsetto'));
    if (start && from !== null && to !== null) onsets.push({ utcMs: start.localMs - from, offsetMs: to });
  }
  return onsets;
}

function observancesKept(tzid: string, onsets: readonly Onset[]): number {
  const zone = resolveTimeZoneId(tzid);
  if (zone === null) return 0;
  const rules = ianaZoneRules(zone);
  let kept = 0;
  for (const onset of onsets) if (rules.offsetAt(onset.utcMs + HOUR_MS) === onset.offsetMs) kept++;
  return kept;
}

function propertyValue(properties: readonly JCalProperty[], name: string): unknown {
  return properties.find((property) => property[0] === name)?.[3];
}

/** "+01:00" / "-0530" (jCal or as written) → milliseconds; null when unreadable. */
function offsetMs(value: unknown): number | null {
  const match = typeof value === 'string' ? UTC_OFFSET.exec(value.trim()) : null;
  if (!match) return null;
  const [, sign, hours, minutes, seconds = '0'] = match;
  const ms = ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000;
  return sign === '-' ? -ms : ms;
}
