import { parameterText } from './jcal.ts';
import type { VEventData } from './read-vevent.ts';

/** What tells the copies of one UID apart. */
export type Revision = Pick<
  VEventData,
  'index' | 'uid' | 'sequence' | 'lastModified' | 'dtstamp' | 'dtstart'
>;

export interface Revisions<T extends Revision> {
  /** The latest revision: the highest SEQUENCE, then the latest LAST-MODIFIED, then DTSTAMP; the first on a tie. */
  readonly latest: T;
  /** Copies as recent as `latest` that start at another time: perhaps other events reusing the UID. */
  readonly rivals: readonly T[];
}

/**
 * Several VEVENTs with one UID and no RECURRENCE-ID are revisions of one event (exporters that write
 * the old copy next to the new one): only the latest counts, so an older RRULE dies with its
 * revision. SEQUENCE is what RFC 5545 (3.8.7.4) orders revisions by; LAST-MODIFIED and DTSTAMP tell
 * apart the copies of producers that leave SEQUENCE at 0.
 */
export function latestRevision<T extends Revision>(copies: readonly T[]): Revisions<T> {
  let latest = copies[0] as T;
  for (let i = 1; i < copies.length; i++) {
    const copy = copies[i] as T;
    if (compareRevisions(copy, latest) > 0) latest = copy;
  }
  const rivals = copies.filter(
    (copy) => copy !== latest && compareRevisions(copy, latest) === 0 && !sameStart(copy, latest),
  );
  return { latest, rivals };
}

/** Positive when `a` is the later revision, negative when `b` is, 0 when nothing tells them apart. */
export function compareRevisions(a: Revision, b: Revision): number {
  if (a.sequence !== b.sequence) return a.sequence - b.sequence;
  return compareStamps(a.lastModified, b.lastModified) || compareStamps(a.dtstamp, b.dtstamp);
}

/** Stamps as written ("20260101T090000Z"): their digits compare as text; a missing one is the oldest. */
function compareStamps(a: string | null, b: string | null): number {
  const left = stampDigits(a);
  const right = stampDigits(b);
  if (left === right) return 0;
  return left > right ? 1 : -1;
}

function stampDigits(stamp: string | null): string {
  return stamp === null ? '' : stamp.replace(/\D/g, '').padEnd(14, '0');
}

function sameStart(a: Revision, b: Revision): boolean {
  if (a.dtstart === null || b.dtstart === null) return a.dtstart === b.dtstart;
  return (
    a.dtstart[3] === b.dtstart[3] && parameterText(a.dtstart, 'tzid') === parameterText(b.dtstart, 'tzid')
  );
}
