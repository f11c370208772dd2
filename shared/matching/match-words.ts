/**
 * Words as matching sees them: accents folded, lower-case, split at anything but letters and digits
 * ("Node.js & C++" → node, js, cpp). Text kept as ` words ` (single spaces, padded) turns a whole-word
 * or whole-phrase test into one `includes(' phrase ')`. Event text and what a user typed go through
 * the same function, so "Café", "cafe" and "CAFÉ" are one word.
 */

/** Anything but printable ASCII and the usual whitespace: such text takes the Unicode path. */
const NON_ASCII = /[^ -~\t\n\r]/;
const COMBINING_MARKS = /\p{M}+/gu;
/** Language names that would otherwise lose what tells them apart (as slugify does): C++ → cpp, C# → csharp. */
const PLUS_PLUS = /\+\+/g;
const SHARP_SUFFIX = /([a-z])#/g;
const NOT_WORD = /[^\p{L}\p{N}]+/u;

/**
 * The words of a text, in order. Runs on every event text of a batch, so plain ASCII (nearly all
 * text) is split by a character loop; only other text pays for Unicode normalization and classes.
 */
export function wordListOf(text: string): string[] {
  let folded = text;
  if (NON_ASCII.test(folded)) folded = folded.normalize('NFKD').replace(COMBINING_MARKS, '');
  folded = folded.toLowerCase();
  if (folded.includes('++')) folded = folded.replace(PLUS_PLUS, 'pp');
  if (folded.includes('#')) folded = folded.replace(SHARP_SUFFIX, '$1sharp');
  if (NON_ASCII.test(folded)) return folded.split(NOT_WORD).filter((word) => word !== '');
  const words: string[] = [];
  let start = -1;
  for (let index = 0; index < folded.length; index++) {
    const code = folded.charCodeAt(index);
    const inWord = (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
    if (inWord) {
      if (start < 0) start = index;
    } else if (start >= 0) {
      words.push(folded.slice(start, index));
      start = -1;
    }
  }
  if (start >= 0) words.push(folded.slice(start));
  return words;
}

/** The words of a text, single-spaced, or '' when it has none. */
export const wordsOf = (text: string) => wordListOf(text).join(' ');

/**
 * Word lists (of one title, or of several tags or names) as one searchable text: a phrase never
 * matches across two values, because '|' is not a word.
 */
export function searchableText(values: readonly (readonly string[])[]): string {
  const parts = values.filter((words) => words.length > 0).map((words) => words.join(' '));
  return parts.length === 0 ? ' ' : ` ${parts.join(' | ')} `;
}

/** The needle that finds a phrase (words as wordsOf gives them) as whole words in a searchable text. */
export const phraseNeedle = (words: string) => ` ${words} `;

/** A small memo for values that repeat across a batch (organizations, cities, tags). */
export function memoized<T>(compute: (key: string) => T, limit = 5_000): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      if (cache.size >= limit) cache.clear();
      cache.set(key, value);
    }
    return value;
  };
}

/**
 * Terms are what the index lists events under: every word, and every run of two or three adjacent
 * words joined by spaces. A phrase of up to three words is then one exact lookup; a longer one is
 * the events with all of its three-word runs, checked once more as a phrase.
 */
export const MAX_TERM_WORDS = 3;

export function addTerms(words: readonly string[], into: string[]): void {
  for (let index = 0; index < words.length; index++) {
    let term = words[index] as string;
    into.push(term);
    for (let next = index + 1; next < words.length && next - index < MAX_TERM_WORDS; next++) {
      term = `${term} ${words[next]}`;
      into.push(term);
    }
  }
}

/** The terms a phrase's events all have: the phrase itself, or its three-word runs. */
export function phraseTerms(words: readonly string[]): string[] {
  if (words.length <= MAX_TERM_WORDS) return [words.join(' ')];
  return words
    .slice(MAX_TERM_WORDS - 1)
    .map((_, index) => words.slice(index, index + MAX_TERM_WORDS).join(' '));
}
