/** Reading posting lists (ascending event ordinals). */

export const EMPTY_POSTING = new Int32Array(0);

/**
 * Events listed under every term: the intersection of the terms' lists, walked from the shortest
 * with a galloping search in the others. Empty when a term is nowhere; a single term's list as it is.
 */
export function postingOfAll(
  lists: ReadonlyMap<string, Int32Array> | undefined,
  terms: readonly string[],
): Int32Array {
  if (lists === undefined) return EMPTY_POSTING;
  const postings: Int32Array[] = [];
  for (const term of terms) {
    const posting = lists.get(term);
    if (posting === undefined) return EMPTY_POSTING;
    postings.push(posting);
  }
  if (postings.length === 1) return postings[0] as Int32Array;
  postings.sort((a, b) => a.length - b.length);
  const [shortest, ...others] = postings as [Int32Array, ...Int32Array[]];
  const found: number[] = [];
  const positions = others.map(() => 0);
  outer: for (let i = 0; i < shortest.length; i++) {
    const ordinal = shortest[i] as number;
    for (let o = 0; o < others.length; o++) {
      const other = others[o] as Int32Array;
      const position = gallop(other, ordinal, positions[o] as number);
      positions[o] = position;
      if (position >= other.length) break outer;
      if (other[position] !== ordinal) continue outer;
    }
    found.push(ordinal);
  }
  return Int32Array.from(found);
}

/** The first position at or after `from` whose value is ≥ target (or the length). */
function gallop(list: Int32Array, target: number, from: number): number {
  if (from >= list.length || (list[from] as number) >= target) return from;
  // list[low] < target throughout; probe ever further ahead, then search between.
  let low = from;
  let step = 1;
  let high = from + 1;
  while (high < list.length && (list[high] as number) < target) {
    low = high;
    step *= 2;
    high = from + step;
  }
  if (high > list.length) high = list.length;
  low += 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((list[middle] as number) < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Posting lists while they are built: key → ordinals, added in ascending order. */
export type PostingLists = Map<string, number[]>;

export function addPosting(lists: PostingLists, key: string, ordinal: number): void {
  const list = lists.get(key);
  if (list === undefined) lists.set(key, [ordinal]);
  // Ordinals arrive in ascending order: a repeat can only be the last one added.
  else if (list[list.length - 1] !== ordinal) list.push(ordinal);
}

/** The lists of one place, created on first use. */
export function listsAt(byPlace: Map<string, PostingLists>, place: string): PostingLists {
  let lists = byPlace.get(place);
  if (lists === undefined) {
    lists = new Map();
    byPlace.set(place, lists);
  }
  return lists;
}

export function frozen(lists: PostingLists): Map<string, Int32Array> {
  const result = new Map<string, Int32Array>();
  for (const [key, list] of lists) result.set(key, Int32Array.from(list));
  return result;
}

export function frozenByPlace(byPlace: Map<string, PostingLists>): Map<string, Map<string, Int32Array>> {
  const result = new Map<string, Map<string, Int32Array>>();
  for (const [place, lists] of byPlace) result.set(place, frozen(lists));
  return result;
}
