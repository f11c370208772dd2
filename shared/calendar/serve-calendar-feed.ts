import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { calendarTokenHash, tokenFromFeedPath } from '../security/calendar-token.ts';
import type { CalendarStore } from '../store/calendar-store.ts';
import type { UserCalendar } from './build-user-calendar.ts';
import { type BodyEncoding, createResponseBodyCache, type ResponseBodyCache } from './response-body-cache.ts';

export interface CalendarFeedDependencies {
  readonly calendars: Pick<CalendarStore, 'userIdForToken' | 'get' | 'getRendered' | 'saveRendered'>;
  readonly build: (
    userId: string,
    previousEventIds: readonly string[],
    now: Date,
  ) => Promise<UserCalendar | null>;
  /** A rendered feed is served this long before it is rendered again (profile and saves drop it at once). */
  readonly maxAgeMs: number;
  /** Encoded bodies by ETag (per container); a fresh 32 MB one when not given. */
  readonly bodies?: ResponseBodyCache;
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
      /** UTF-8 text, or base64 of the gzip bytes (`encoding`), as the HTTP API takes a body. */
      readonly body: string;
      readonly encoding: BodyEncoding;
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

const defaultBodies = createResponseBodyCache(32 * 1024 * 1024);

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
  const bodies = deps.bodies ?? defaultBodies;
  const token = tokenFromFeedPath(request.pathToken);
  if (!token) return { status: 'not-found' };
  const tokenHash = calendarTokenHash(token);
  const userId = await deps.calendars.userIdForToken(tokenHash);
  if (!userId) return { status: 'not-found' };
  const calendar = await deps.calendars.get(userId);
  if (!calendar || calendar.tokenHash !== tokenHash) return { status: 'not-found' };
  const encoding: BodyEncoding = request.acceptsGzip ? 'base64' : 'utf8';

  let etag = calendar.etag;
  let builtAt = calendar.builtAt ? new Date(calendar.builtAt) : null;
  let body: string | undefined;
  if (!etag || !builtAt || now.getTime() - builtAt.getTime() >= deps.maxAgeMs) {
    const previous = await deps.calendars.getRendered(userId);
    const built = await deps.build(userId, previous?.eventIds ?? [], now);
    if (!built) return { status: 'not-found' };
    const bytes = Buffer.from(built.body, 'utf8');
    const feed = {
      etag: etagOf(built.body),
      gzipBody: new Uint8Array(gzipSync(bytes)),
      bodyBytes: bytes.length,
      eventIds: built.eventIds,
    };
    await deps.calendars.saveRendered(userId, tokenHash, feed, now);
    etag = feed.etag;
    builtAt = now;
    body = bodies.put(etag, encoding, feed.gzipBody, built.body);
  }
  const lastModified = builtAt.toUTCString();
  if (matchesIfNoneMatch(request.ifNoneMatch, etag)) return { status: 'not-modified', etag, lastModified };
  body ??= bodies.get(etag, encoding);
  if (body === undefined) {
    // This container has not served this render yet: read it (a render racing ahead is served as it is).
    const rendered = await deps.calendars.getRendered(userId);
    if (!rendered) return { status: 'not-found' };
    etag = rendered.etag;
    body = bodies.put(etag, encoding, rendered.gzipBody);
  }
  return { status: 'ok', etag, lastModified, body, encoding };
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
