import type { StoredEvent } from '../events/stored-event.ts';
import type { EventStore } from '../store/event-store.ts';
import type { WindowSnapshotStore } from '../store/window-snapshot-store.ts';
import {
  decodeWindowSnapshot,
  encodeWindowSnapshot,
  eventsFromSnapshot,
  type WindowSnapshotRef,
} from './window-snapshot.ts';

const dayMs = 86_400_000;
/** Beyond the digest's window: a batch sent later the same day still finds its whole window in it. */
const slackDays = 1;
/** Snapshots are kept two days (TTL), long after the last batch of their run was sent. */
const keptMs = 2 * dayMs;

export interface DigestWindowDependencies {
  readonly events: Pick<EventStore, 'listStartingBetween'>;
  readonly snapshots: WindowSnapshotStore;
  readonly windowDays: number;
}

/**
 * Reads the digest's event window once for a dispatch run and stores it as a snapshot that the run's
 * messages point to: every send batch of the run reads the snapshot (one batch read) instead of the
 * window. A batch sent minutes later filters the snapshot to its own window; an event stored after the
 * run started waits for the next digest, as it would had the batch been sent at once.
 */
export async function snapshotDigestWindow(
  deps: DigestWindowDependencies,
  now: Date,
): Promise<WindowSnapshotRef> {
  const from = now;
  const to = new Date(now.getTime() + (deps.windowDays + slackDays) * dayMs);
  const events = await deps.events.listStartingBetween(from, to);
  const parts = encodeWindowSnapshot({ from: from.toISOString(), to: to.toISOString(), events });
  const id = `digest-${now.toISOString()}`;
  await deps.snapshots.put(id, parts, new Date(now.getTime() + keptMs));
  return { id, parts: parts.length };
}

/**
 * A send batch's event window: from the newest snapshot among its messages that covers [from, to), else
 * (no snapshot, or expired) read from the table as before.
 */
export async function readDigestWindow(
  deps: {
    readonly events: Pick<EventStore, 'listStartingBetween'>;
    readonly snapshots?: WindowSnapshotStore;
  },
  refs: readonly WindowSnapshotRef[],
  from: Date,
  to: Date,
): Promise<StoredEvent[]> {
  const newestFirst = [...new Map(refs.map((ref) => [ref.id, ref])).values()].sort((a, b) =>
    b.id.localeCompare(a.id),
  );
  for (const ref of deps.snapshots ? newestFirst : []) {
    const parts = await deps.snapshots?.get(ref.id, ref.parts);
    const events = parts ? eventsFromSnapshot(decodeWindowSnapshot(parts), from, to) : null;
    if (events) return events;
  }
  return deps.events.listStartingBetween(from, to);
}
