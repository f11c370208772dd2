/**
 * Topic tagging: which vocabulary topics an event's text is about, plus its categories and the
 * source's default tags, as sorted slugs. Runs once per event on every ingest, so the vocabulary is
 * compiled once: a word → meaning map, and one regular expression over every word (V8 scans a text
 * with it natively, several times faster than a character loop in JavaScript: ~1.5 µs for 600 chars).
 *
 * Words need their sense: a topic's `terms` tag it wherever they stand, its `ambiguous` words
 * ("leadership", "startups", "training") only in a professional context — the text also has a word
 * of the topic's `context` (or, without one, of PROFESSIONAL_CONTEXT or any topic's terms) and no
 * word of another walk of life (OTHER_SENSES: a running club's leadership, startups at a landlords'
 * happy hour). The same one scan finds the topic words and the context words.
 */
import { slugify } from './slug.ts';
import { OTHER_SENSES, PROFESSIONAL_CONTEXT, TOPICS, type TopicId } from './topic-vocabulary.ts';

/** What one word of the vocabulary says, on each count. */
interface Meaning {
  /** Topics the word means wherever it stands. */
  readonly topics: readonly TopicId[];
  /** Topics it means only in a professional context. */
  readonly ambiguous: readonly TopicId[];
  /** Topics whose ambiguous words it confirms (their `context`). */
  readonly confirms: readonly TopicId[];
  readonly professional: boolean;
  readonly otherSense: boolean;
  /** The reading that last counted this meaning (see Reading.stamp). */
  stamp: number;
}

/**
 * The compiled vocabulary, built on the first tagging rather than when the module loads: most
 * functions that import the tagger (the api's pages, the senders) never tag, and their cold start
 * should not pay for it.
 */
interface Vocabulary {
  readonly meanings: ReadonlyMap<string, Meaning>;
  /** The same meanings, also under the spellings texts use (see withWrittenSpellings): most matches take one lookup. */
  readonly meaningsAsWritten: ReadonlyMap<string, Meaning>;
  /** Topics whose ambiguous words need a word of their own `context`. */
  readonly needsOwnContext: ReadonlySet<string>;
  /**
   * Every word as a whole word or phrase, longest first, optionally plural ("mentors" finds
   * "mentor"). `\b` knows only ASCII letters, so the lookarounds keep "aï" from reading as "ai";
   * they sit behind the `\b` so only word starts pay for them.
   */
  readonly termPattern: RegExp;
}

let compiled: Vocabulary | null = null;

function vocabulary(): Vocabulary {
  if (compiled !== null) return compiled;
  const meanings = buildMeanings();
  compiled = {
    meanings,
    meaningsAsWritten: withWrittenSpellings(meanings),
    needsOwnContext: new Set(
      TOPICS.filter((topic) => 'context' in topic && topic.context !== undefined).map((topic) => topic.id),
    ),
    termPattern: new RegExp(
      `\\b(?<![${LETTERS_BEYOND_ASCII}])(?:${[...meanings.keys()]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|')})s?\\b(?![${LETTERS_BEYOND_ASCII}])`,
      'gi',
    ),
  };
  return compiled;
}

const LETTERS_BEYOND_ASCII =
  '\\u00c0-\\u1fff\\u2c00-\\u2dff\\u3040-\\ud7ff\\uf900-\\ufdff\\ufe70-\\ufefe\\uff21-\\uff5a\\uff66-\\uffdc';

export interface TaggableEvent {
  readonly title: string;
  readonly description: string;
  readonly categories: readonly string[];
}

/** Sorted, deduplicated tags: topic ids found in the text, every category slugged, the default tags slugged. */
export function tagEvent(event: TaggableEvent, defaultTags: readonly string[]): string[] {
  const tags = startReading(scratchTags);
  readText(event.title, reading);
  readText(event.description, reading);
  settleReading(reading);
  for (const category of event.categories) {
    for (const tag of categoryTags(category)) insertSorted(tags, tag);
  }
  for (const tag of defaultTagSlugs(defaultTags)) insertSorted(tags, tag);
  // An exact-size copy: the tags are kept with every stored event.
  return tags.items.slice(0, tags.length);
}

/** Where tagEvent gathers the tags (tagging is synchronous). */
const scratchTags = sortedList();

/** The topic ids a text is about (its words, in their sense), case-insensitively. */
export function topicsIn(text: string): TopicId[] {
  const found = startReading(sortedList());
  readText(text, reading);
  settleReading(reading);
  return found.items.slice(0, found.length) as TopicId[];
}

/**
 * A feed repeats the same few categories on every entry: what one category contributes (its topics
 * and its slug) is worked out once per distinct category, in a bounded cache.
 */
const tagsByCategory = new Map<string, readonly string[]>();
const CATEGORY_CACHE_LIMIT = 2_000;

function categoryTags(category: string): readonly string[] {
  const cached = tagsByCategory.get(category);
  if (cached) return cached;
  // A feed's category names its subject on purpose: every sense counts.
  const tags = startReading(sortedList());
  readText(category, reading);
  for (let index = 0; index < reading.ambiguous.length; index++) {
    insertSorted(tags, reading.ambiguous.items[index] as string);
  }
  addSlug(category, tags);
  const result = tags.items.slice(0, tags.length);
  if (tagsByCategory.size >= CATEGORY_CACHE_LIMIT) tagsByCategory.clear();
  tagsByCategory.set(category, result);
  return result;
}

/** The source's default tags, slugged once per source (every event of a feed passes the same list). */
let lastDefaultTags: { readonly labels: readonly string[]; readonly slugs: readonly string[] } | null = null;

function defaultTagSlugs(labels: readonly string[]): readonly string[] {
  if (lastDefaultTags?.labels === labels) return lastDefaultTags.slugs;
  const slugs = sortedList();
  for (const label of labels) addSlug(label, slugs);
  lastDefaultTags = { labels, slugs: slugs.items.slice(0, slugs.length) };
  return lastDefaultTags.slugs;
}

function addSlug(label: string, into: SortedList): void {
  const slug = slugify(label);
  if (slug !== '') insertSorted(into, slug);
}

/**
 * A handful of sorted strings in a reused array, counted by hand: setting an array's length to 0
 * drops its storage, and every event would allocate it again (a few hundred bytes each, per list).
 */
interface SortedList {
  readonly items: string[];
  length: number;
}

function sortedList(): SortedList {
  return { items: [], length: 0 };
}

/** Tags stay a handful per event: a sorted array beats a Set plus a sort. */
function insertSorted(into: SortedList, tag: string): void {
  const { items } = into;
  let index = into.length;
  while (index > 0) {
    const before = items[index - 1] as string;
    if (before === tag) return;
    if (before < tag) break;
    index--;
  }
  for (let at = into.length; at > index; at--) items[at] = items[at - 1] as string;
  items[index] = tag;
  into.length++;
}

function includesTag(list: SortedList, tag: string): boolean {
  for (let index = 0; index < list.length; index++) if (list.items[index] === tag) return true;
  return false;
}

/**
 * What the texts of one event have said so far: sure topics go straight into the tags; ambiguous ones
 * wait for their context. One reading is reused (tagging is synchronous), so tagging allocates nothing
 * but the tags.
 */
interface Reading {
  into: SortedList;
  readonly ambiguous: SortedList;
  readonly confirmed: SortedList;
  sure: boolean;
  professional: boolean;
  otherSense: boolean;
  /** Tells this reading from the earlier ones: a meaning stamped with it has been counted. */
  stamp: number;
}

const reading: Reading = {
  into: scratchTags,
  ambiguous: sortedList(),
  confirmed: sortedList(),
  sure: false,
  professional: false,
  otherSense: false,
  stamp: 0,
};

/** Starts a new reading into `into` (emptied); returns it. */
function startReading(into: SortedList): SortedList {
  into.length = 0;
  reading.into = into;
  reading.ambiguous.length = 0;
  reading.confirmed.length = 0;
  reading.sure = false;
  reading.professional = false;
  reading.otherSense = false;
  reading.stamp++;
  return into;
}

function readText(text: string, reading: Reading): void {
  if (text === '') return;
  const { termPattern, meaningsAsWritten } = vocabulary();
  const matches = text.match(termPattern);
  if (matches === null) return;
  const stamp = reading.stamp;
  for (const match of matches) {
    // Most mentions are already lower-case: look them up before lower-casing a copy.
    const meaning = meaningsAsWritten.get(match) ?? meaningOf(match.toLowerCase());
    // A word said again adds nothing: each meaning counts once per reading.
    if (meaning === undefined || meaning.stamp === stamp) continue;
    meaning.stamp = stamp;
    if (meaning.topics.length > 0) {
      reading.sure = true;
      for (const topic of meaning.topics) insertSorted(reading.into, topic);
    }
    for (const topic of meaning.ambiguous) insertSorted(reading.ambiguous, topic);
    for (const topic of meaning.confirms) insertSorted(reading.confirmed, topic);
    if (meaning.professional) reading.professional = true;
    if (meaning.otherSense) reading.otherSense = true;
  }
}

/** The ambiguous topics their context confirms, into the tags. */
function settleReading(reading: Reading): void {
  const { ambiguous } = reading;
  if (ambiguous.length === 0 || reading.otherSense) return;
  const professional = reading.professional || reading.sure;
  const { needsOwnContext } = vocabulary();
  for (let index = 0; index < ambiguous.length; index++) {
    const topic = ambiguous.items[index] as string;
    const confirmed = needsOwnContext.has(topic) ? includesTag(reading.confirmed, topic) : professional;
    if (confirmed) insertSorted(reading.into, topic);
  }
}

/** A word as written, or its singular when the match took a trailing "s". */
function meaningOf(term: string): Meaning | undefined {
  const { meanings } = vocabulary();
  return meanings.get(term) ?? (term.endsWith('s') ? meanings.get(term.slice(0, -1)) : undefined);
}

/**
 * A sentence starts with "Mentoring", a heading says "AI", most words come in the plural: each term
 * also under its capitalized and upper-case spelling and, unless the plural is a term of its own,
 * with an "s". Only lookups use these; the pattern matches any case.
 */
function withWrittenSpellings(terms: ReadonlyMap<string, Meaning>): Map<string, Meaning> {
  const spelled = new Map(terms);
  for (const [term, meaning] of terms) {
    const capitalized = term.charAt(0).toUpperCase() + term.slice(1);
    const upper = term.toUpperCase();
    const spellings = [capitalized, upper];
    if (!terms.has(`${term}s`)) spellings.push(`${term}s`, `${capitalized}s`, `${upper}S`);
    for (const spelling of spellings) if (!spelled.has(spelling)) spelled.set(spelling, meaning);
  }
  return spelled;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function buildMeanings(): Map<string, Meaning> {
  interface Building {
    topics: TopicId[];
    ambiguous: TopicId[];
    confirms: TopicId[];
    professional: boolean;
    otherSense: boolean;
    stamp: number;
  }
  const map = new Map<string, Building>();
  const entry = (term: string): Building[] => {
    if (!/^[a-z0-9].*[a-z0-9]$/.test(term) || term !== term.toLowerCase()) {
      throw new Error(`topic word "${term}" must be lower-case and start and end with a letter or digit`);
    }
    // People write "open source" and "open-source" alike.
    const spellings = [term];
    if (term.includes(' ')) spellings.push(term.replaceAll(' ', '-'));
    if (term.includes('-')) spellings.push(term.replaceAll('-', ' '));
    return spellings.map((spelling) => {
      let building = map.get(spelling);
      if (!building) {
        building = {
          topics: [],
          ambiguous: [],
          confirms: [],
          professional: false,
          otherSense: false,
          stamp: 0,
        };
        map.set(spelling, building);
      }
      return building;
    });
  };
  const addTo = (list: TopicId[], topic: TopicId) => {
    if (!list.includes(topic)) list.push(topic);
  };
  for (const topic of TOPICS) {
    for (const term of topic.terms) for (const building of entry(term)) addTo(building.topics, topic.id);
    if ('ambiguous' in topic) {
      for (const term of topic.ambiguous)
        for (const building of entry(term)) addTo(building.ambiguous, topic.id);
    }
    if ('context' in topic) {
      for (const term of topic.context)
        for (const building of entry(term)) addTo(building.confirms, topic.id);
    }
  }
  for (const term of PROFESSIONAL_CONTEXT) for (const building of entry(term)) building.professional = true;
  for (const term of OTHER_SENSES) for (const building of entry(term)) building.otherSense = true;
  return map;
}
