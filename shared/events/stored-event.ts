import type { EventContent } from './event-content.ts';

export interface EventSourceLink {
  readonly sourceId: string;
  readonly sourceEventId: string;
  readonly url: string | null;
}

/**
 * The canonical event: one per real-world event, whichever feeds list it. Its content comes from its
 * primary source; the other sources are kept as links.
 */
export interface StoredEvent extends EventContent {
  readonly id: string;
  readonly primarySourceId: string;
  readonly sources: readonly EventSourceLink[];
  /** Every source dropped it before it started. */
  readonly removed: boolean;
  readonly firstSeenAt: string;
  /** Content changes since first seen (absent: none); the calendar feed's SEQUENCE. */
  readonly revision?: number;
  readonly updatedAt: string;
}
