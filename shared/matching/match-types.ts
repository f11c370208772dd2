import type { DigestChange, DigestSectionId } from '../digest/digest-model.ts';
import type { StoredEvent } from '../events/stored-event.ts';
import type { PreviousDigestEntry } from './previous-digest.ts';

export interface MatchOptions {
  /** Send time: events that started before it never match. */
  readonly now: Date;
  /** End of the digest window (now + 14 days by default): events starting at or after it do not match. */
  readonly windowTo: Date;
  /** What the user's previous digest showed. */
  readonly previous: readonly PreviousDigestEntry[];
  /** Default 12. */
  readonly maxEvents?: number;
  /** Default 3. */
  readonly maxPerOrganization?: number;
}

export interface MatchedEvent {
  readonly event: StoredEvent;
  readonly score: number;
  /** At most 3, most important first. */
  readonly reasons: readonly string[];
  readonly section: DigestSectionId;
}

export interface UserMatches {
  /** Best first. */
  readonly matches: readonly MatchedEvent[];
  readonly changes: readonly DigestChange[];
}
