import { gunzipSync, gzipSync } from 'node:zlib';
import type { StoredEvent } from '../events/stored-event.ts';
import { readStoredTime } from './stored-time.ts';

/*
 * The digest's event window, read once per dispatch run and kept as a compact snapshot (gzipped JSON in
 * parts that fit a table item), so each digest-send batch reads a few hundred kilobytes in one batch
 * read instead of querying the whole window again: at 100,000 readers the window's reads were most of
 * the digests' reads.
 */

/** Where a snapshot is and how many parts it has: carried by every digest message of the run. */
export interface WindowSnapshotRef {
  readonly id: string;
  readonly parts: number;
}

export interface WindowSnapshot {
  /** Events starting in [from, to), in start order. */
  readonly from: string;
  readonly to: string;
  readonly events: readonly StoredEvent[];
}

/** A table item holds at most 400 KB: parts stay well under it with their key and attributes. */
export const snapshotPartBytes = 350_000;

export function encodeWindowSnapshot(snapshot: WindowSnapshot): Uint8Array[] {
  const packed = gzipSync(Buffer.from(JSON.stringify(snapshot), 'utf8'));
  const parts: Uint8Array[] = [];
  for (let offset = 0; offset < packed.length; offset += snapshotPartBytes) {
    parts.push(packed.subarray(offset, offset + snapshotPartBytes));
  }
  return parts.length > 0 ? parts : [packed];
}

export function decodeWindowSnapshot(parts: readonly Uint8Array[]): WindowSnapshot {
  return JSON.parse(gunzipSync(Buffer.concat(parts)).toString('utf8')) as WindowSnapshot;
}

/** The snapshot's events starting in [from, to), or null when the snapshot does not cover that window. */
export function eventsFromSnapshot(snapshot: WindowSnapshot, from: Date, to: Date): StoredEvent[] | null {
  if (Date.parse(snapshot.from) > from.getTime() || Date.parse(snapshot.to) < to.getTime()) return null;
  return snapshot.events.filter((event) => {
    const start = startMs(event.start);
    return start >= from.getTime() && start < to.getTime();
  });
}

/** As the event store's window: an all-day event counts from the start of its date (UTC). */
function startMs(start: string): number {
  const time = readStoredTime(start);
  if (!time) return Number.NaN;
  return time.kind === 'instant' ? time.ms : Date.UTC(time.year, time.month - 1, time.day);
}
