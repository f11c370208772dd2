import { ianaZoneName } from './iana-zone-name.ts';
import { WINDOWS_ZONE_BY_DISPLAY_NAME } from './outlook-zone-display-names.ts';

/** "(UTC-05:00) ", "(GMT+01.00) ", "(UTC) ": the offset Outlook and Lotus Notes put before a display name. */
const DISPLAY_NAME_PREFIX = /^\((?:UTC|GMT)(?:\s*([+-])\s*(\d{1,2})(?:[:.]?(\d{2}))?)?\)\s*/i;
const DAYLIGHT_SUFFIX = / daylight time$/;
const MAX_MEMOIZED = 2_000;

const resolved = new Map<string, string | null>();
let windowsZones: Map<string, string> | undefined;
let windowsIdByDisplayKey: Map<string, string> | undefined;
let windowsIdByCity: Map<string, string | null> | undefined;

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
      : (ianaZoneName(name) ??
        prefixedZoneName(name) ??
        windowsZoneName(name) ??
        displayZoneName(name) ??
        cityListZoneName(name));
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
    for (const [windowsId, iana] of IANA_ZONE_OF_WINDOWS_ID) windowsZones.set(windowsId.toLowerCase(), iana);
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
 * A list of cities that is no display name of its own: older Exchange and Lotus Notes servers merged
 * several ("Amsterdam, Belgrade, Berlin, Brussels, Budapest, Madrid, Paris, Prague, Stockholm"). Its
 * first city that names one display name (not two, as "La Paz" does) decides the zone: Amsterdam's
 * is W. Europe Standard Time, Europe/Berlin.
 */
function cityListZoneName(name: string): string | null {
  const prefix = DISPLAY_NAME_PREFIX.exec(name);
  const cities = displayNameKey(prefix ? name.slice(prefix[0].length) : name).split(', ');
  if (cities.length < 2) return null;
  windowsIdByCity ??= citiesOfDisplayNames();
  for (const city of cities) {
    const windowsId = windowsIdByCity.get(city);
    if (windowsId) return windowsZoneName(windowsId);
  }
  return null;
}

/** City → the Windows zone id of the display names that list it; null for a city two zones list. */
function citiesOfDisplayNames(): Map<string, string | null> {
  const byCity = new Map<string, string | null>();
  for (const [displayName, windowsId] of WINDOWS_ZONE_BY_DISPLAY_NAME) {
    const cities = displayName.split(', ');
    if (cities.length < 2) continue;
    for (const city of cities) {
      const known = byCity.get(city);
      byCity.set(city, known === undefined || known === windowsId ? windowsId : null);
    }
  }
  return byCity;
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

/**
 * Every Windows zone id and its IANA zone: the "001" (default territory) mapping of CLDR's
 * windowsZones.xml, as the npm package windows-iana 5.1.0 carried it (CLDR data, Unicode licence).
 * Kept here as a table because the package's own maps (every territory, both directions) were 41 KB
 * of the ingest-feed bundle for these 139 pairs. Windows adds a zone rarely; to refresh, take the
 * `territory="001"` rows of windowsZones.xml from a CLDR release.
 */
const IANA_ZONE_OF_WINDOWS_ID: readonly (readonly [string, string])[] = [
  ['Dateline Standard Time', 'Etc/GMT+12'],
  ['UTC-11', 'Etc/GMT+11'],
  ['Aleutian Standard Time', 'America/Adak'],
  ['Hawaiian Standard Time', 'Pacific/Honolulu'],
  ['Marquesas Standard Time', 'Pacific/Marquesas'],
  ['Alaskan Standard Time', 'America/Anchorage'],
  ['UTC-09', 'Etc/GMT+9'],
  ['Pacific Standard Time (Mexico)', 'America/Tijuana'],
  ['UTC-08', 'Etc/GMT+8'],
  ['Pacific Standard Time', 'America/Los_Angeles'],
  ['US Mountain Standard Time', 'America/Phoenix'],
  ['Mountain Standard Time (Mexico)', 'America/Chihuahua'],
  ['Mountain Standard Time', 'America/Denver'],
  ['Yukon Standard Time', 'America/Whitehorse'],
  ['Central America Standard Time', 'America/Guatemala'],
  ['Central Standard Time', 'America/Chicago'],
  ['Easter Island Standard Time', 'Pacific/Easter'],
  ['Central Standard Time (Mexico)', 'America/Mexico_City'],
  ['Canada Central Standard Time', 'America/Regina'],
  ['SA Pacific Standard Time', 'America/Bogota'],
  ['Eastern Standard Time (Mexico)', 'America/Cancun'],
  ['Eastern Standard Time', 'America/New_York'],
  ['Haiti Standard Time', 'America/Port-au-Prince'],
  ['Cuba Standard Time', 'America/Havana'],
  ['US Eastern Standard Time', 'America/Indianapolis'],
  ['Turks And Caicos Standard Time', 'America/Grand_Turk'],
  ['Paraguay Standard Time', 'America/Asuncion'],
  ['Atlantic Standard Time', 'America/Halifax'],
  ['Venezuela Standard Time', 'America/Caracas'],
  ['Central Brazilian Standard Time', 'America/Cuiaba'],
  ['SA Western Standard Time', 'America/La_Paz'],
  ['Pacific SA Standard Time', 'America/Santiago'],
  ['Newfoundland Standard Time', 'America/St_Johns'],
  ['Tocantins Standard Time', 'America/Araguaina'],
  ['E. South America Standard Time', 'America/Sao_Paulo'],
  ['SA Eastern Standard Time', 'America/Cayenne'],
  ['Argentina Standard Time', 'America/Buenos_Aires'],
  ['Greenland Standard Time', 'America/Godthab'],
  ['Montevideo Standard Time', 'America/Montevideo'],
  ['Magallanes Standard Time', 'America/Punta_Arenas'],
  ['Saint Pierre Standard Time', 'America/Miquelon'],
  ['Bahia Standard Time', 'America/Bahia'],
  ['UTC-02', 'Etc/GMT+2'],
  ['Azores Standard Time', 'Atlantic/Azores'],
  ['Cape Verde Standard Time', 'Atlantic/Cape_Verde'],
  ['UTC', 'Etc/UTC'],
  ['GMT Standard Time', 'Europe/London'],
  ['Greenwich Standard Time', 'Atlantic/Reykjavik'],
  ['Sao Tome Standard Time', 'Africa/Sao_Tome'],
  ['Morocco Standard Time', 'Africa/Casablanca'],
  ['W. Europe Standard Time', 'Europe/Berlin'],
  ['Central Europe Standard Time', 'Europe/Budapest'],
  ['Romance Standard Time', 'Europe/Paris'],
  ['Central European Standard Time', 'Europe/Warsaw'],
  ['W. Central Africa Standard Time', 'Africa/Lagos'],
  ['Jordan Standard Time', 'Asia/Amman'],
  ['GTB Standard Time', 'Europe/Bucharest'],
  ['Middle East Standard Time', 'Asia/Beirut'],
  ['Egypt Standard Time', 'Africa/Cairo'],
  ['E. Europe Standard Time', 'Europe/Chisinau'],
  ['Syria Standard Time', 'Asia/Damascus'],
  ['West Bank Standard Time', 'Asia/Hebron'],
  ['South Africa Standard Time', 'Africa/Johannesburg'],
  ['FLE Standard Time', 'Europe/Kiev'],
  ['Israel Standard Time', 'Asia/Jerusalem'],
  ['South Sudan Standard Time', 'Africa/Juba'],
  ['Kaliningrad Standard Time', 'Europe/Kaliningrad'],
  ['Sudan Standard Time', 'Africa/Khartoum'],
  ['Libya Standard Time', 'Africa/Tripoli'],
  ['Namibia Standard Time', 'Africa/Windhoek'],
  ['Arabic Standard Time', 'Asia/Baghdad'],
  ['Turkey Standard Time', 'Europe/Istanbul'],
  ['Arab Standard Time', 'Asia/Riyadh'],
  ['Belarus Standard Time', 'Europe/Minsk'],
  ['Russian Standard Time', 'Europe/Moscow'],
  ['E. Africa Standard Time', 'Africa/Nairobi'],
  ['Iran Standard Time', 'Asia/Tehran'],
  ['Arabian Standard Time', 'Asia/Dubai'],
  ['Astrakhan Standard Time', 'Europe/Astrakhan'],
  ['Azerbaijan Standard Time', 'Asia/Baku'],
  ['Russia Time Zone 3', 'Europe/Samara'],
  ['Mauritius Standard Time', 'Indian/Mauritius'],
  ['Saratov Standard Time', 'Europe/Saratov'],
  ['Georgian Standard Time', 'Asia/Tbilisi'],
  ['Volgograd Standard Time', 'Europe/Volgograd'],
  ['Caucasus Standard Time', 'Asia/Yerevan'],
  ['Afghanistan Standard Time', 'Asia/Kabul'],
  ['West Asia Standard Time', 'Asia/Tashkent'],
  ['Ekaterinburg Standard Time', 'Asia/Yekaterinburg'],
  ['Pakistan Standard Time', 'Asia/Karachi'],
  ['Qyzylorda Standard Time', 'Asia/Qyzylorda'],
  ['India Standard Time', 'Asia/Calcutta'],
  ['Sri Lanka Standard Time', 'Asia/Colombo'],
  ['Nepal Standard Time', 'Asia/Katmandu'],
  ['Central Asia Standard Time', 'Asia/Almaty'],
  ['Bangladesh Standard Time', 'Asia/Dhaka'],
  ['Omsk Standard Time', 'Asia/Omsk'],
  ['Myanmar Standard Time', 'Asia/Rangoon'],
  ['SE Asia Standard Time', 'Asia/Bangkok'],
  ['Altai Standard Time', 'Asia/Barnaul'],
  ['W. Mongolia Standard Time', 'Asia/Hovd'],
  ['North Asia Standard Time', 'Asia/Krasnoyarsk'],
  ['N. Central Asia Standard Time', 'Asia/Novosibirsk'],
  ['Tomsk Standard Time', 'Asia/Tomsk'],
  ['China Standard Time', 'Asia/Shanghai'],
  ['North Asia East Standard Time', 'Asia/Irkutsk'],
  ['Singapore Standard Time', 'Asia/Singapore'],
  ['W. Australia Standard Time', 'Australia/Perth'],
  ['Taipei Standard Time', 'Asia/Taipei'],
  ['Ulaanbaatar Standard Time', 'Asia/Ulaanbaatar'],
  ['Aus Central W. Standard Time', 'Australia/Eucla'],
  ['Transbaikal Standard Time', 'Asia/Chita'],
  ['Tokyo Standard Time', 'Asia/Tokyo'],
  ['North Korea Standard Time', 'Asia/Pyongyang'],
  ['Korea Standard Time', 'Asia/Seoul'],
  ['Yakutsk Standard Time', 'Asia/Yakutsk'],
  ['Cen. Australia Standard Time', 'Australia/Adelaide'],
  ['AUS Central Standard Time', 'Australia/Darwin'],
  ['E. Australia Standard Time', 'Australia/Brisbane'],
  ['AUS Eastern Standard Time', 'Australia/Sydney'],
  ['West Pacific Standard Time', 'Pacific/Port_Moresby'],
  ['Tasmania Standard Time', 'Australia/Hobart'],
  ['Vladivostok Standard Time', 'Asia/Vladivostok'],
  ['Lord Howe Standard Time', 'Australia/Lord_Howe'],
  ['Bougainville Standard Time', 'Pacific/Bougainville'],
  ['Russia Time Zone 10', 'Asia/Srednekolymsk'],
  ['Magadan Standard Time', 'Asia/Magadan'],
  ['Norfolk Standard Time', 'Pacific/Norfolk'],
  ['Sakhalin Standard Time', 'Asia/Sakhalin'],
  ['Central Pacific Standard Time', 'Pacific/Guadalcanal'],
  ['Russia Time Zone 11', 'Asia/Kamchatka'],
  ['New Zealand Standard Time', 'Pacific/Auckland'],
  ['UTC+12', 'Etc/GMT-12'],
  ['Fiji Standard Time', 'Pacific/Fiji'],
  ['Chatham Islands Standard Time', 'Pacific/Chatham'],
  ['UTC+13', 'Etc/GMT-13'],
  ['Tonga Standard Time', 'Pacific/Tongatapu'],
  ['Samoa Standard Time', 'Pacific/Apia'],
  ['Line Islands Standard Time', 'Pacific/Kiritimati'],
];
