import ICAL from 'ical.js';
import { displayNameOffsetMs, resolveTimeZoneId } from '../../time/zone-names.ts';
import { customZoneRules, ianaZoneRules, utcZoneRules, type ZoneRules } from '../../time/zone-rules.ts';
import { firstText, type JCalComponent } from './jcal.ts';
import { type ProblemNote, warningNote } from './problem-notes.ts';

/** The rules to convert a wall time with, and the IANA name to report for it (null when there is none). */
export interface ZoneRef {
  readonly rules: ZoneRules;
  readonly timeZone: string | null;
  /** Set when nothing but the "(UTC±hh:mm)" prefix of an unknown display name tells: that fixed offset. */
  readonly statedOffset?: string;
}

export interface CalendarZones {
  /**
   * Where floating times (and all-day dates) sit: X-WR-TIMEZONE, else the zone of the calendar's only
   * VTIMEZONE, else the source default, else UTC.
   */
  readonly floating: ZoneRef;
  /** The zone a TZID names, or null when neither its name nor the calendar's VTIMEZONEs tell. */
  readonly byTzid: (tzid: string) => ZoneRef | null;
  /** Feed-level problems found while setting up (an unknown X-WR-TIMEZONE). */
  readonly problems: readonly ProblemNote[];
}

export const UTC_ZONE: ZoneRef = { rules: utcZoneRules, timeZone: 'UTC' };
const UNZONED_UTC: ZoneRef = { rules: utcZoneRules, timeZone: null };

/**
 * TZID resolution for one VCALENDAR: a name that resolves to an IANA zone wins over the calendar's
 * VTIMEZONE for it (the tz database is more reliable than most published VTIMEZONEs); a VTIMEZONE
 * whose TZID is no IANA name is used through its X-LIC-LOCATION if that is one, else by its own rules;
 * an unknown Outlook display name without a VTIMEZONE is read at the offset its prefix states.
 * A calendar with one VTIMEZONE and no X-WR-TIMEZONE was written in that zone, so its floating
 * times are read there, as most calendar clients do.
 */
export function calendarZones(
  vtimezones: ReadonlyMap<string, JCalComponent>,
  calendarTimeZone: string | null,
  defaultTimeZone: string | null,
): CalendarZones {
  const refs = new Map<string, ZoneRef | null>();
  const byTzid = (tzid: string): ZoneRef | null => {
    let ref = refs.get(tzid);
    if (ref === undefined) {
      ref = ianaRef(resolveTimeZoneId(tzid)) ?? vtimezoneRef(vtimezones.get(tzid)) ?? statedOffsetRef(tzid);
      refs.set(tzid, ref);
    }
    return ref;
  };
  const problems: ProblemNote[] = [];
  let floating: ZoneRef | null = null;
  if (calendarTimeZone !== null) {
    floating = byTzid(calendarTimeZone);
    if (!floating) problems.push(warningNote(`unknown time zone '${calendarTimeZone}' in X-WR-TIMEZONE`));
  }
  if (!floating && vtimezones.size === 1) {
    const [onlyTzid] = vtimezones.keys();
    floating = byTzid(onlyTzid as string);
  }
  if (!floating && defaultTimeZone !== null) {
    floating = ianaRef(resolveTimeZoneId(defaultTimeZone));
    if (!floating) problems.push(warningNote(`unknown default time zone '${defaultTimeZone}'`));
  }
  return { floating: floating ?? UNZONED_UTC, byTzid, problems };
}

function ianaRef(name: string | null): ZoneRef | null {
  if (name === null) return null;
  return name === 'UTC' ? UTC_ZONE : { rules: ianaZoneRules(name), timeZone: name };
}

function statedOffsetRef(tzid: string): ZoneRef | null {
  const offsetMs = displayNameOffsetMs(tzid);
  if (offsetMs === null) return null;
  const minutes = Math.abs(offsetMs) / 60_000;
  const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return {
    rules: customZoneRules(() => offsetMs),
    timeZone: null,
    statedOffset: `UTC${offsetMs < 0 ? '-' : '+'}${hhmm}`,
  };
}

function vtimezoneRef(vtimezone: JCalComponent | undefined): ZoneRef | null {
  if (!vtimezone) return null;
  for (const property of vtimezone[1]) {
    if (property[0] === 'x-lic-location') {
      const location = firstText(property);
      const ref = location ? ianaRef(resolveTimeZoneId(location)) : null;
      if (ref) return ref;
    }
  }
  const rules = vtimezoneRules(vtimezone);
  return rules ? { rules, timeZone: null } : null;
}

/**
 * Rules of the VTIMEZONEs met so far, by their jCal text: a feed is read again on every ingest, and
 * ical.js's conversions (its offsets, and the per-day offsets cached in the rules) cost more than the
 * rest of reading such an event. Bounded like the zone caches.
 */
const rulesOfVTimezone = new Map<string, ZoneRules | null>();
const VTIMEZONE_CACHE_LIMIT = 200;

function vtimezoneRules(vtimezone: JCalComponent): ZoneRules | null {
  const key = JSON.stringify(vtimezone);
  let rules = rulesOfVTimezone.get(key);
  if (rules === undefined) {
    rules = readVTimezoneRules(vtimezone);
    if (rulesOfVTimezone.size >= VTIMEZONE_CACHE_LIMIT) rulesOfVTimezone.clear();
    rulesOfVTimezone.set(key, rules);
  }
  return rules;
}

/** Offsets from the VTIMEZONE's own observances, through ical.js; null when ical.js cannot use it. */
function readVTimezoneRules(vtimezone: JCalComponent): ZoneRules | null {
  let timezone: ICAL.Timezone;
  try {
    timezone = new ICAL.Timezone(new ICAL.Component(vtimezone));
  } catch {
    return null;
  }
  const offsetAt = (utcMs: number): number => {
    const wholeSecondMs = Math.floor(utcMs / 1000) * 1000;
    const utc = new Date(wholeSecondMs);
    const time = ICAL.Time.fromData(
      {
        year: utc.getUTCFullYear(),
        month: utc.getUTCMonth() + 1,
        day: utc.getUTCDate(),
        hour: utc.getUTCHours(),
        minute: utc.getUTCMinutes(),
        second: utc.getUTCSeconds(),
      },
      ICAL.Timezone.utcTimezone,
    );
    const local = time.convertToZone(timezone);
    return (
      Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) - wholeSecondMs
    );
  };
  try {
    offsetAt(Date.UTC(2000, 0, 1));
  } catch {
    return null;
  }
  return customZoneRules(offsetAt);
}
