/** Tag slugs: lower-case `a-z0-9` words joined by single hyphens ("Cloud Native" → "cloud-native"). */

const ALREADY_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_SLUG_RUN = /[^a-z0-9]+/g;
const EDGE_HYPHENS = /^-+|-+$/g;
/** Language names that would otherwise lose what tells them apart: C++ → cpp, C# → csharp. */
const PLUS_PLUS = /\+\+/g;
const SHARP_SUFFIX = /([a-z])#/g;

/** Feeds repeat the same few categories on every entry; a small cache keeps slugging off the hot path. */
const cache = new Map<string, string>();
const CACHE_LIMIT = 2_000;

/** The slug of a label, or '' when nothing slug-worthy is left ("!!!" → ""). */
export function slugify(label: string): string {
  if (ALREADY_SLUG.test(label)) return label;
  const cached = cache.get(label);
  if (cached !== undefined) return cached;
  const slug = label
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(PLUS_PLUS, 'pp')
    .replace(SHARP_SUFFIX, '$1sharp')
    .replace(NON_SLUG_RUN, '-')
    .replace(EDGE_HYPHENS, '');
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(label, slug);
  return slug;
}
