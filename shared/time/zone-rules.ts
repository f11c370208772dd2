/**
 * A time zone's UTC offset as a function of the instant, whatever its source: the IANA database
 * (through Intl) or a feed's own VTIMEZONE block.
 */
export interface ZoneRules {
  /** Offset (local minus UTC) in milliseconds at the instant `utcMs`. */
  readonly offsetAt: (utcMs: number) => number;
  /** Conversion caches, filled by zoned-time.ts. */
  readonly cache: ZoneCache;
}

export interface ZoneCache {
  /** offsetAt(day × 24 h), by day number since the epoch. */
  readonly offsetAtDayStart: Map<number, number>;
  /** The one offset of a local day far from any transition, by day number; NaN for the other days. */
  readonly dayOffset: Map<number, number>;
  /** The one offset of a local 15-minute slot of those other days, by slot number; NaN when it varies. */
  readonly slotOffset: Map<number, number>;
}

function emptyCache(): ZoneCache {
  return { offsetAtDayStart: new Map(), dayOffset: new Map(), slotOffset: new Map() };
}

/**
 * Intl only knows the Gregorian calendar from 1582 and every zone is on local mean time before
 * the first transition in the tz database (all after 1840), so earlier instants use this one.
 */
const EARLIEST_TRANSITION_CHECKED_MS = Date.UTC(1800, 0, 1);

export const utcZoneRules: ZoneRules = { offsetAt: () => 0, cache: emptyCache() };

const ianaRulesByName = new Map<string, ZoneRules>();

/** Rules of an IANA zone; throws RangeError when Intl does not know the name. Memoized per name. */
export function ianaZoneRules(timeZone: string): ZoneRules {
  const known = ianaRulesByName.get(timeZone);
  if (known) return known;
  const rules: ZoneRules =
    timeZone === 'UTC' ? utcZoneRules : { offsetAt: intlOffsetFunction(timeZone), cache: emptyCache() };
  ianaRulesByName.set(timeZone, rules);
  return rules;
}

/** Rules made from any offset function (e.g. ical.js applying a VTIMEZONE); not memoized. */
export function customZoneRules(offsetAt: (utcMs: number) => number): ZoneRules {
  return { offsetAt, cache: emptyCache() };
}

function intlOffsetFunction(timeZone: string): (utcMs: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const fields = [0, 0, 0, 0, 0, 0];
  return (utcMs: number): number => {
    const wholeSecondMs = Math.floor(Math.max(utcMs, EARLIEST_TRANSITION_CHECKED_MS) / 1000) * 1000;
    // format() is about three times faster than formatToParts(); en-US gives "M/D/YYYY, HH:MM:SS".
    readNumbers(format.format(wholeSecondMs), fields);
    const [month = 1, day = 1, year = 1970, hour = 0, minute = 0, second = 0] = fields;
    return Date.UTC(year, month - 1, day, hour, minute, second) - wholeSecondMs;
  };
}

/** Reads the digit runs of `text` into `into`, in order. */
function readNumbers(text: string, into: number[]): void {
  let index = -1;
  let inNumber = false;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit >= 0 && digit <= 9) {
      if (!inNumber) {
        index++;
        into[index] = 0;
        inNumber = true;
      }
      into[index] = (into[index] ?? 0) * 10 + digit;
    } else {
      inNumber = false;
    }
  }
}
