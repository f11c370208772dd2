import type { SourceEventContent } from './event-content.ts';

/** What the store remembers of one source's entry from the previous ingest. */
export interface SourceEventState {
  readonly sourceEventId: string;
  readonly hash: string;
  readonly canonicalId: string;
  readonly start: string;
  readonly removed: boolean;
}

export interface SourceSyncPlan {
  readonly creates: readonly SourceEventContent[];
  readonly updates: readonly { readonly incoming: SourceEventContent; readonly state: SourceEventState }[];
  /** Entries that vanished from the feed before they started. */
  readonly removals: readonly SourceEventState[];
  readonly unchanged: number;
}

export interface PlanOptions {
  readonly now: Date;
  /**
   * Removals are only trusted when the feed was read cleanly: if some entries could not be read, a
   * "missing" event may just be an unreadable one, and marking it removed would lose it.
   */
  readonly allowRemovals: boolean;
}

function hasStarted(start: string, now: Date): boolean {
  return Date.parse(start.length === 10 ? `${start}T00:00:00Z` : start) <= now.getTime();
}

/** Compare a feed's entries with what was stored last time; an unchanged entry costs nothing. */
export function planSourceSync(
  previous: ReadonlyMap<string, SourceEventState>,
  incoming: readonly SourceEventContent[],
  options: PlanOptions,
): SourceSyncPlan {
  const creates: SourceEventContent[] = [];
  const updates: { incoming: SourceEventContent; state: SourceEventState }[] = [];
  const seen = new Set<string>();
  let unchanged = 0;
  for (const entry of incoming) {
    seen.add(entry.sourceEventId);
    const state = previous.get(entry.sourceEventId);
    if (!state) creates.push(entry);
    else if (state.hash !== entry.hash || state.removed) updates.push({ incoming: entry, state });
    else unchanged += 1;
  }
  const removals: SourceEventState[] = [];
  if (options.allowRemovals) {
    for (const state of previous.values()) {
      if (!seen.has(state.sourceEventId) && !state.removed && !hasStarted(state.start, options.now))
        removals.push(state);
    }
  }
  return { creates, updates, removals, unchanged };
}
