import { calendarTokenFor, calendarTokenHash, newCalendarNonce } from '../security/calendar-token.ts';
import type { CalendarStore } from '../store/calendar-store.ts';

export interface CalendarSubscriptionDependencies {
  readonly calendars: Pick<CalendarStore, 'get' | 'create' | 'rotate'>;
  /** The HMAC key tokens are derived with (calendarTokenKey of the link secret). */
  readonly tokenKey: () => Promise<Uint8Array>;
  readonly publicBaseUrl: string;
}

export interface CalendarUrls {
  /** For "subscribe by URL" dialogs and for fetching. */
  readonly https: string;
  /** Opens the calendar app's subscribe dialog directly. */
  readonly webcal: string;
}

export class CalendarRotationConflictError extends Error {
  override readonly name = 'CalendarRotationConflictError';
}

function urlsFor(publicBaseUrl: string, token: string): CalendarUrls {
  const https = new URL(`cal/${token}.ics`, publicBaseUrl.endsWith('/') ? publicBaseUrl : `${publicBaseUrl}/`)
    .href;
  return { https, webcal: https.replace(/^https?:/, 'webcal:') };
}

/** The user's feed URLs, creating their calendar on first use. */
export async function calendarUrlsFor(
  deps: CalendarSubscriptionDependencies,
  userId: string,
  now: Date,
): Promise<CalendarUrls> {
  const key = await deps.tokenKey();
  let calendar = await deps.calendars.get(userId);
  if (!calendar) {
    const nonce = newCalendarNonce();
    calendar = await deps.calendars.create(
      userId,
      nonce,
      calendarTokenHash(calendarTokenFor(key, userId, nonce)),
      now,
    );
  }
  return urlsFor(deps.publicBaseUrl, calendarTokenFor(key, userId, calendar.nonce));
}

/** A new secret URL; the old one stops working at once. */
export async function rotateCalendarUrl(
  deps: CalendarSubscriptionDependencies,
  userId: string,
  now: Date,
): Promise<CalendarUrls> {
  const key = await deps.tokenKey();
  const calendar = await deps.calendars.get(userId);
  if (!calendar) return calendarUrlsFor(deps, userId, now);
  const nonce = newCalendarNonce();
  const token = calendarTokenFor(key, userId, nonce);
  if (!(await deps.calendars.rotate(userId, calendar.tokenHash, nonce, calendarTokenHash(token), now)))
    throw new CalendarRotationConflictError('the calendar URL was changed meanwhile; try again');
  return urlsFor(deps.publicBaseUrl, token);
}
