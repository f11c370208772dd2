/**
 * Stable event ids: the same feed entry (and occurrence) gets the same id on every parse, so
 * re-ingesting an unchanged feed writes nothing and a moved event keeps its identity.
 */
import { hash } from 'node:crypto';

/** What identifies an entry within its feed: its own id or URL, else its title and start. */
export function entryIdentity(event: { uid: string | null; title: string; start: string }): string {
  return event.uid ?? `${event.title}@${event.start}`;
}

/** First 24 hex characters (96 bits) of SHA-256 over the identity and the occurrence. */
export function eventId(identity: string, recurrenceId: string | null): string {
  return hash('sha256', `${identity}\u0000${recurrenceId ?? ''}`, 'hex').slice(0, 24);
}
