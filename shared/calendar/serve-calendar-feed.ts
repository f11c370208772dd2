import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { calendarTokenHash, tokenFromFeedPath } from '../security/calendar-token.ts';
import type { CalendarStore } from '../store/calendar-store.ts';
import type { UserCalendar } from './build-user-calendar.ts';

export interface CalendarFeedDependencies {
  readonly calendars: Pick<CalendarStore, 'userIdForToken' | 'get' | 'saveSnapshot'>;
  readonly build: (
    userId: string,
    previousEventIds: readonly string[],
    now: Date,
  ) => Promise<UserCalendar | null>;
  /** A rendered feed is served this long before it is rendered again (profile and saves drop it at once). */
  readonly maxAgeMs: number;
}

export interface CalendarFeedRequest {
  /** The last path segment, `<token>.ics`. */
  readonly pathToken: string;
  readonly ifNoneMatch: string | null;
  readonly acceptsGzip: boolean;
}

export type CalendarFeedResponse =
  | { readonly status: 'not-found' }
  | { readonly status: 'not-modified'; readonly etag: string; readonly lastModified: string }
  | {
      readonly status: 'ok';
      readonly etag: string;
      readonly lastModified: string;
      readonly body: Uint8Array;
      readonly gzipped: boolean;
    };

/** Weak: the same feed is served gzipped or not. Derived from the content, so an unchanged feed keeps it. */
function etagOf(body: string): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** RFC 9110 If-None-Match with weak comparison: a list of tags, or `*`. */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/** Decompressed bodies by ETag: content-addressed, so a hit can never be stale. */
const plainBodies = new Map<string, Uint8Array>();
const maxPlainBodies = 32;

function plainBody(etag: string, gzipBody: Uint8Array): Uint8Array {
  const known = plainBodies.get(etag);
  if (known) return known;
  const body = new Uint8Array(gunzipSync(gzipBody));
  if (plainBodies.size >= maxPlainBodies) {
    const oldest = plainBodies.keys().next().value;
    if (oldest !== undefined) plainBodies.delete(oldest);
  }
  plainBodies.set(etag, body);
  return body;
}

/**
 * GET/HEAD /cal/<token>.ics. Two reads (token lookup, calendar item) serve a rendered feed; it is
 * rendered again when missing or older than maxAge. A token that is malformed, unknown or rotated
 * away is "not found", the same answer each time; tokens are looked up by hash, so nothing is compared
 * character by character.
 */
export async function serveCalendarFeed(
  deps: CalendarFeedDependencies,
  request: CalendarFeedRequest,
  now: Date,
): Promise<CalendarFeedResponse> {
  const token = tokenFromFeedPath(request.pathToken);
  if (!token) return { status: 'not-found' };
  const tokenHash = calendarTokenHash(token);
  const userId = await deps.calendars.userIdForToken(tokenHash);
  if (!userId) return { status: 'not-found' };
  const calendar = await deps.calendars.get(userId);
  if (!calendar || calendar.tokenHash !== tokenHash) return { status: 'not-found' };

  let snapshot = calendar.snapshot;
  if (!snapshot || now.getTime() - Date.parse(snapshot.builtAt) >= deps.maxAgeMs) {
    const built = await deps.build(userId, calendar.snapshot?.eventIds ?? [], now);
    if (!built) return { status: 'not-found' };
    const bytes = Buffer.from(built.body, 'utf8');
    snapshot = {
      etag: etagOf(built.body),
      builtAt: now.toISOString(),
      gzipBody: new Uint8Array(gzipSync(bytes)),
      bodyBytes: bytes.length,
      eventIds: built.eventIds,
    };
    plainBodies.set(snapshot.etag, new Uint8Array(bytes));
    await deps.calendars.saveSnapshot(userId, tokenHash, snapshot);
  }
  const lastModified = new Date(snapshot.builtAt).toUTCString();
  if (matchesIfNoneMatch(request.ifNoneMatch, snapshot.etag))
    return { status: 'not-modified', etag: snapshot.etag, lastModified };
  return request.acceptsGzip
    ? { status: 'ok', etag: snapshot.etag, lastModified, body: snapshot.gzipBody, gzipped: true }
    : {
        status: 'ok',
        etag: snapshot.etag,
        lastModified,
        body: plainBody(snapshot.etag, snapshot.gzipBody),
        gzipped: false,
      };
}

/** Accept-Encoding names gzip with a q-value above zero. */
export function acceptsGzip(header: string | null | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding?.trim() !== 'gzip' && coding?.trim() !== '*') return false;
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}
