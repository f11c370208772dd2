import { cookieValue } from '../auth/session-cookie.ts';
import { likelyZones } from '../browse/likely-zones.ts';
import { ianaZoneName } from '../time/iana-zone-name.ts';
import type { RouteRequest } from './middleware/route.ts';

/*
 * Whose time a page shows: a signed-in reader's profile zone; for anyone else the zone they chose (the
 * `tz` parameter, kept in a cookie for the next page), else the first likely zone of their browser's
 * languages, else UTC. The page always says which zone it shows, and how it was chosen, with a form to
 * change it: never a silent UTC.
 */

export const zoneCookieName = 'trellis_tz';

export type ZoneSource = 'profile' | 'chosen' | 'language' | 'default';

export interface ViewerZone {
  readonly zone: string;
  readonly source: ZoneSource;
  /** Set-Cookie when the zone was chosen just now (the `tz` parameter). */
  readonly setCookie: string[];
  /** Zones to offer first in the chooser (the likely ones of the browser's languages). */
  readonly likely: readonly string[];
}

const oneYearSeconds = 365 * 86_400;

/** An IANA zone in today's spelling, from a parameter or a cookie (percent-encoded or not), else null. */
function validZone(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    return ianaZoneName(decodeURIComponent(value).trim());
  } catch {
    return null;
  }
}

function isHttps(request: RouteRequest): boolean {
  return request.event.headers['x-forwarded-proto'] !== 'http';
}

export function viewerZoneOf(request: RouteRequest, now: Date): ViewerZone {
  const likely = likelyZones(request.event.headers['accept-language'], now);
  if (request.visitor)
    return { zone: request.visitor.profile.timeZone, source: 'profile', setCookie: [], likely };
  const asked = validZone(request.query('tz'));
  if (asked) {
    const secure = isHttps(request) ? '; Secure' : '';
    return {
      zone: asked,
      source: 'chosen',
      setCookie: [
        `${zoneCookieName}=${encodeURIComponent(asked)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${oneYearSeconds}${secure}`,
      ],
      likely,
    };
  }
  const kept = validZone(cookieValue(request.event.cookies, zoneCookieName));
  if (kept) return { zone: kept, source: 'chosen', setCookie: [], likely };
  const guessed = likely[0];
  if (guessed) return { zone: guessed, source: 'language', setCookie: [], likely };
  return { zone: 'UTC', source: 'default', setCookie: [], likely };
}

/** What the page says about the zone: "Times in Europe Berlin (from your profile)". */
export function zoneSourceText(source: ZoneSource): string {
  switch (source) {
    case 'profile':
      return 'from your profile';
    case 'chosen':
      return 'as you chose';
    case 'language':
      return "guessed from your browser's language";
    case 'default':
      return 'no zone chosen yet';
  }
}

export const zoneLabel = (zone: string) => zone.replaceAll('_', ' ');
