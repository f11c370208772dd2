import { ianaZoneName } from '../time/iana-zone-name.ts';

/*
 * A short list of the time zones a person probably lives in, from the regions of their browser's
 * languages (Accept-Language: "en-US,en;q=0.9,de;q=0.8" → the United States, then Germany): one zone
 * per distinct clock of a region (the United States' 29 ICU zones are 7 clocks), the well-known city
 * of each clock, west to east. For a sign-up form without script, and the zone an anonymous visitor
 * sees first. Zones come in the tz database's current spelling.
 */

/**
 * The zone named for a clock shared by several of a region's zones, when it is one of them; a region's
 * well-known zones come first, in this order (by how many people live on their clocks).
 */
const WELL_KNOWN = [
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'America/Denver',
  'America/Phoenix',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Toronto',
  'America/Vancouver',
  'America/Edmonton',
  'America/Winnipeg',
  'America/Halifax',
  'America/Sao_Paulo',
  'America/Mexico_City',
  'America/Argentina/Buenos_Aires',
  'Australia/Sydney',
  'Australia/Brisbane',
  'Australia/Perth',
  'Europe/Berlin',
  'Europe/Madrid',
  'Europe/Lisbon',
  'Europe/Moscow',
  'Asia/Jakarta',
  'Asia/Shanghai',
  'Pacific/Auckland',
];
const wellKnownRank = new Map(WELL_KNOWN.map((zone, index) => [zone, index]));

/** How many zones the list holds at most, and how many a region after the first adds. */
export const maxLikelyZones = 6;
const perLaterRegion = 2;

interface Weighted {
  readonly region: string;
  readonly quality: number;
}

/** The regions of an Accept-Language header, most preferred first (a bare language by its likely region). */
export function regionsOf(acceptLanguage: string | undefined): string[] {
  if (!acceptLanguage) return [];
  const weighted: Weighted[] = [];
  for (const part of acceptLanguage.split(',').slice(0, 10)) {
    const [tag = '', ...parameters] = part.trim().split(';');
    const q = parameters.map((one) => /^\s*q=([\d.]+)\s*$/.exec(one)?.[1]).find(Boolean);
    const quality = q === undefined ? 1 : Number(q);
    if (tag === '*' || !(quality > 0)) continue;
    let region: string | undefined;
    try {
      const locale = new Intl.Locale(tag.trim());
      region = locale.region ?? locale.maximize().region;
    } catch {
      continue;
    }
    if (region && /^[A-Z]{2}$/.test(region)) weighted.push({ region, quality });
  }
  const ordered = weighted.sort((a, b) => b.quality - a.quality).map((one) => one.region);
  return [...new Set(ordered)];
}

/** The zones ICU knows for a region (ISO 3166 alpha-2), in current spelling. */
function zonesOfRegion(region: string): string[] {
  try {
    const locale = new Intl.Locale(`und-${region}`) as Intl.Locale & {
      timeZones?: readonly string[];
      getTimeZones?: () => readonly string[];
    };
    const zones = locale.getTimeZones?.() ?? locale.timeZones ?? [];
    return zones.map((zone) => ianaZoneName(zone)).filter((zone): zone is string => zone !== null);
  } catch {
    return [];
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** Minutes east of UTC of a zone at an instant. */
export function offsetMinutes(zone: string, at: Date): number {
  const parts = formatterOf(zone).formatToParts(at);
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const local = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'));
  return Math.round((local - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** A clock: the offsets in January and in July of the year of `now` (so DST rules tell zones apart). */
function clockOf(zone: string, now: Date): string {
  const year = now.getUTCFullYear();
  return `${offsetMinutes(zone, new Date(Date.UTC(year, 0, 15)))}/${offsetMinutes(zone, new Date(Date.UTC(year, 6, 15)))}`;
}

/**
 * The likely zones for these regions: one per clock, its well-known city when it has one; per region
 * the well-known ones first, then west to east.
 */
export function likelyZonesForRegions(regions: readonly string[], now: Date): string[] {
  const chosen: string[] = [];
  for (const [index, region] of regions.entries()) {
    const byClock = new Map<string, string[]>();
    for (const zone of zonesOfRegion(region)) {
      const clock = clockOf(zone, now);
      byClock.set(clock, [...(byClock.get(clock) ?? []), zone]);
    }
    const picks = [...byClock.values()]
      .map((zones) => zones.find((zone) => wellKnownRank.has(zone)) ?? [...zones].sort()[0] ?? '')
      .filter((zone) => zone !== '' && !chosen.includes(zone))
      .sort(
        (a, b) =>
          (wellKnownRank.get(a) ?? WELL_KNOWN.length) - (wellKnownRank.get(b) ?? WELL_KNOWN.length) ||
          offsetMinutes(a, now) - offsetMinutes(b, now),
      );
    chosen.push(...(index === 0 ? picks : picks.slice(0, perLaterRegion)));
    if (chosen.length >= maxLikelyZones) break;
  }
  return chosen.slice(0, maxLikelyZones);
}

const remembered = new Map<string, string[]>();
const maxRemembered = 500;

/** The likely zones of an Accept-Language header; empty when it names no region. Remembered per header and day. */
export function likelyZones(acceptLanguage: string | undefined, now: Date): string[] {
  const key = `${now.toISOString().slice(0, 10)}\u0000${acceptLanguage ?? ''}`;
  const known = remembered.get(key);
  if (known) return [...known];
  const zones = likelyZonesForRegions(regionsOf(acceptLanguage), now);
  if (remembered.size >= maxRemembered) remembered.clear();
  remembered.set(key, zones);
  return [...zones];
}
