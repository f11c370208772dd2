/**
 * The order of matches and the caps. Highest score first; ties go to the earlier start, then to the
 * lower id, so a digest is the same however often it is computed. At most `maxEvents` in all and at
 * most `maxPerGroup` from one organization (the event's organization, else its organizer, else its
 * primary source), taken greedily in that order; room the cap leaves is filled from what it held back.
 */

/** Ids in code-unit order: the last tie-breaker, the same in every runtime and locale. */
export const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const DEFAULT_MAX_EVENTS = 12;
export const DEFAULT_MAX_PER_ORGANIZATION = 3;

export interface RankedCandidate {
  readonly score: number;
  readonly startMs: number;
  readonly id: string;
  readonly groupKey: string;
}

export function compareRanked(a: RankedCandidate, b: RankedCandidate): number {
  return b.score - a.score || a.startMs - b.startMs || compareIds(a.id, b.id);
}

/**
 * Sorts everything, then takes greedily with the per-organization cap; when that leaves room, the
 * best of the events the cap held back fill it (variety first, but never an empty slot while a match
 * waits). The plain way, for the reference matcher. Best first.
 */
export function selectRanked<T extends RankedCandidate>(
  candidates: readonly T[],
  maxEvents: number,
  maxPerGroup: number,
): T[] {
  const chosen: T[] = [];
  const heldBack: T[] = [];
  const perGroup = new Map<string, number>();
  for (const candidate of [...candidates].sort(compareRanked)) {
    if (chosen.length >= maxEvents) break;
    const count = perGroup.get(candidate.groupKey) ?? 0;
    if (count >= maxPerGroup) {
      heldBack.push(candidate);
      continue;
    }
    perGroup.set(candidate.groupKey, count + 1);
    chosen.push(candidate);
  }
  if (chosen.length >= maxEvents || heldBack.length === 0) return chosen;
  return [...chosen, ...heldBack.slice(0, maxEvents - chosen.length)].sort(compareRanked);
}

/** A count option as given, or its default; negative or fractional values are read as whole counts ≥ 0. */
export function countOption(value: number | undefined, fallback: number): number {
  if (value === undefined || Number.isNaN(value)) return fallback;
  return Math.max(0, Math.floor(value));
}
