/**
 * When to fetch a source next. Success: after its refresh interval. Failure: exponential backoff
 * (refresh × 2^failures), capped at a day so a feed that comes back is picked up again soon.
 */
const maxBackoffMinutes = 24 * 60;

export function nextFetchAfterSuccess(now: Date, refreshMinutes: number): Date {
  return new Date(now.getTime() + refreshMinutes * 60_000);
}

export function nextFetchAfterFailure(now: Date, refreshMinutes: number, consecutiveFailures: number): Date {
  const exponent = Math.min(Math.max(consecutiveFailures, 1), 16);
  const minutes = Math.min(refreshMinutes * 2 ** exponent, maxBackoffMinutes);
  return new Date(now.getTime() + minutes * 60_000);
}

/** A 304 skips the parse; but recurring series move into the horizon daily, so re-parse at least daily. */
export const fullParseEveryMs = 24 * 60 * 60_000;

export function needsFullParse(lastParsedAt: string | null, now: Date): boolean {
  return lastParsedAt === null || now.getTime() - Date.parse(lastParsedAt) >= fullParseEveryMs;
}
