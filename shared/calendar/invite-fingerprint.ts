import { createHash } from 'node:crypto';
import type { StoredEvent } from '../events/stored-event.ts';
import { effectiveStatus } from './calendar-entry.ts';

/**
 * What an attendee's copy of an event depends on: when, where, what it is called and whether it
 * happens. A change in any of these sends an update (SEQUENCE + 1); a new description does not.
 */
export function inviteFingerprint(event: StoredEvent): string {
  const parts = [
    event.start,
    event.end ?? '',
    event.allDay ? 'all-day' : 'timed',
    event.timeZone ?? '',
    event.title,
    event.location ?? '',
    event.online ? (event.joinUrl ?? 'online') : '',
    effectiveStatus(event),
  ];
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);
}

const removalMark = 'removed:';

/**
 * The fingerprint of the cancellation sent when the user removed the event: never equal to one of the
 * event's own, so saving it again sends a REQUEST even if nothing about the event changed meanwhile.
 */
export const removalFingerprint = (event: StoredEvent) => `${removalMark}${inviteFingerprint(event)}`;

/** Whether an invitation was the cancellation of the user's own removal (not the organizer's). */
export const isRemovalFingerprint = (fingerprint: string) => fingerprint.startsWith(removalMark);
