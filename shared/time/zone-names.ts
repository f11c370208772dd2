import { WINDOWS_TO_IANA_MAP } from 'windows-iana';
import { ianaZoneName } from './iana-zone-name.ts';
import { WINDOWS_ZONE_BY_DISPLAY_NAME } from './outlook-zone-display-names.ts';

/** "(UTC-05:00) ", "(GMT+01.00) ", "(UTC) ": the offset Outlook and Lotus Notes put before a display name. */
const DISPLAY_NAME_PREFIX = /^\((?:UTC|GMT)(?:\s*([+-])\s*(\d{1,2})(?:[:.]?(\d{2}))?)?\)\s*/i;
const DAYLIGHT_SUFFIX = / daylight time$/;
const MAX_MEMOIZED = 2_000;

const resolved = new Map<string, string | null>();
let windowsZones: Map<string, string> | undefined;
let windowsIdByDisplayKey: Map<string, string> | undefined;

/**
 * The IANA zone name for a TZID as feeds write it, or null: an IANA name or link ("US/Eastern"), an
 * IANA name behind a vendor prefix or in quotes ("/mozilla.org/20050126_1/Europe/Berlin"), a Windows
 * zone id ("W. Europe Standard Time") or an Outlook display name with or without its offset
 * ("(UTC-05:00) Eastern Time (US and Canada)", "Eastern Time (US & Canada)"). Names come back in
 * the tz database's current spelling ("America/New_York", "Asia/Kolkata"), UTC aliases as "UTC".
 */
export function resolveTimeZoneId(tzid: string): string | null {
  const known = resolved.get(tzid);
  if (known !== undefined) return known;
  const name = tzid
    .trim()
    .replace(/^"+|"+$/g, '')
    .trim();
  const result =
    name === ''
      ? null
      : (ianaZoneName(name) ?? prefixedZoneName(name) ?? windowsZoneName(name) ?? displayZoneName(name));
  if (resolved.size >= MAX_MEMOIZED) resolved.clear();
  resolved.set(tzid, result);
  return result;
}

/** "/mozilla.org/20050126_1/Europe/Berlin", "/citadel.org/20190102_1/America/New_York": the longest valid tail. */
function prefixedZoneName(name: string): string | null {
  const segments = name.split('/').filter((segment) => segment !== '');
  for (let take = Math.min(3, segments.length); take >= 1; take--) {
    const zone = ianaZoneName(segments.slice(-take).join('/'));
    if (zone) return zone;
  }
  return null;
}

function windowsZoneName(name: string): string | null {
  if (!windowsZones) {
    windowsZones = new Map();
    for (const entry of WINDOWS_TO_IANA_MAP) {
      const iana = entry.iana[0];
      if (entry.territory === '001' && iana) windowsZones.set(entry.windowsName.toLowerCase(), iana);
    }
  }
  const id = name.toLowerCase();
  // Some exporters name the zone by its summer time ("Eastern Daylight Time"); the id is the standard one.
  const iana = windowsZones.get(id) ?? windowsZones.get(id.replace(DAYLIGHT_SUFFIX, ' standard time'));
  return iana ? ianaZoneName(iana) : null;
}

/** An Outlook display name, its "(UTC±hh:mm)" prefix optional. */
function displayZoneName(name: string): string | null {
  if (!windowsIdByDisplayKey) {
    windowsIdByDisplayKey = new Map();
    for (const [displayName, windowsId] of WINDOWS_ZONE_BY_DISPLAY_NAME) {
      windowsIdByDisplayKey.set(displayNameKey(displayName), windowsId);
    }
  }
  const prefix = DISPLAY_NAME_PREFIX.exec(name);
  const windowsId = windowsIdByDisplayKey.get(displayNameKey(prefix ? name.slice(prefix[0].length) : name));
  return windowsId ? windowsZoneName(windowsId) : null;
}

/**
 * One spelling for the ways exporters write the same display name: case, spacing, "and" or "&",
 * and the list separators of older versions ("Amsterdam / Berlin", "Pacific Time (US & Canada); Tijuana").
 */
function displayNameKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\\(?=[,;])/g, '')
    .replace(/\s*&\s*|\s+and\s+/g, ' & ')
    .replace(/\s*[,;/]\s*/g, ', ')
    .replace(/\s*:\s*/g, ': ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The UTC offset in milliseconds a TZID's display-name prefix states ("(UTC-05:00) …" → -5 h), or
 * null when it has none. Only a last resort for a name nothing else resolves: the offset is the
 * zone's standard one, so summer times come out an hour off.
 */
export function displayNameOffsetMs(tzid: string): number | null {
  const prefix = DISPLAY_NAME_PREFIX.exec(tzid.trim().replace(/^"+/, ''));
  if (!prefix) return null;
  const [, sign, hours = '0', minutes = '0'] = prefix;
  const ms = (Number(hours) * 60 + Number(minutes)) * 60_000;
  return sign === '-' ? -ms : ms;
}
