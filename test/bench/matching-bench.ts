/**
 * Matching speed: a deterministic world of events and users, every user matched through the index
 * (p50, p95 per user) and a sample through the all-pairs reference (the speed-up figure).
 *
 * The world follows what a large deployment would hold: events over ~330 cities with a few hubs much
 * busier than the rest, a quarter online (a few hybrid), some all-day conferences, some cancelled or
 * removed, ~1,000 sources with organizations; users in many zones with 1–4 topics, some keywords
 * (single words and phrases), a city or a point with a radius (or no place), follows, mutes and
 * "not interested" marks, and a previous digest to compare with.
 *
 * Run: node_modules/.bin/node test/bench/matching-bench.ts [users] [events]
 */
import { fileURLToPath } from 'node:url';
import type { StoredEvent } from '../../shared/events/stored-event.ts';
import {
  buildEventIndex,
  type MatchOptions,
  matchEventsForUser,
  matchEventsNaively,
  type PreviousDigestEntry,
  type UserMatches,
} from '../../shared/matching/match-events.ts';
import { CITY_NAME_GROUPS } from '../../shared/places/city-aliases.ts';
import { canonicalNameKey, citiesNamed, largestCities } from '../../shared/places/gazetteer.ts';
import { type SourceKind, sourceKinds } from '../../shared/sources/source.ts';
import { tagEvent } from '../../shared/topics/tag-event.ts';
import { TOPICS } from '../../shared/topics/topic-vocabulary.ts';
import type { PlacePreference, UserProfile } from '../../shared/users/user-profile.ts';
import { mulberry32 } from '../support/seeded-random.ts';
import { round } from './bench-stats.ts';

export interface MatchingFigures {
  readonly matchMsPerUserP50: number;
  readonly matchMsPerUserP95: number;
  readonly naiveMsPerUserP50: number;
  readonly speedupVsNaive: number;
  readonly indexBuildMs: number;
  readonly naiveSampleUsers: number;
  /** Sampled users whose indexed and naive results differ (must be 0). */
  readonly naiveMismatches: number;
  readonly meanMatchesPerUser: number;
}

/** The digest a generated user gets: their profile, and what to match them with. */
export interface GeneratedUser {
  readonly profile: UserProfile;
  readonly options: MatchOptions;
}

const DAY_MS = 86_400_000;
/** A Monday morning; fixed so every run sees the same world. */
export const BENCH_NOW = new Date('2030-03-04T07:00:00Z');
export const BENCH_WINDOW_TO = new Date(BENCH_NOW.getTime() + 14 * DAY_MS);

type Random = () => number;
const pick = <T>(random: Random, values: readonly T[]): T =>
  values[Math.floor(random() * values.length)] as T;
const chance = (random: Random, p: number) => random() < p;

/** Index drawn with weight 1 / (rank + 1)^exponent: a few busy hubs, a long tail. */
function zipfPicker(size: number, exponent: number): (random: Random) => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 0; rank < size; rank++) {
    total += 1 / (rank + 1) ** exponent;
    cumulative.push(total);
  }
  return (random) => {
    const target = random() * total;
    let low = 0;
    let high = size - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

const HUBS = [
  'London',
  'New York',
  'San Francisco',
  'Berlin',
  'Bengaluru',
  'Singapore',
  'Paris',
  'Toronto',
  'Amsterdam',
  'Tokyo',
  'Sydney',
  'Seattle',
  'Austin',
  'Boston',
  'Chicago',
  'Munich',
  'Stockholm',
  'Dublin',
  'Tel Aviv',
  'São Paulo',
];
/** Other names of a city (feeds write some of them): its group's, but its own. */
function aliasesOf(name: string): string[] {
  const key = canonicalNameKey(name);
  const group = CITY_NAME_GROUPS.find((names) => canonicalNameKey(names[0] ?? '') === key) ?? [];
  return group.filter((alias) => alias !== name);
}
/** Hubs first, then the gazetteer's largest cities: ~330 in all, as a large deployment would see. */
const CITIES = [
  ...HUBS.map((name) => citiesNamed(name)[0]),
  ...largestCities(330).filter(
    (city) => !HUBS.some((hub) => canonicalNameKey(hub) === canonicalNameKey(city.name)),
  ),
]
  .filter((city) => city !== undefined)
  .slice(0, 330)
  .map((city) => ({ ...city, aliases: aliasesOf(city.name) }));
const pickCity = zipfPicker(CITIES.length, 0.8);

const COUNTRY_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });
const ZONES = [
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'America/Chicago',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
  'America/Sao_Paulo',
  'Europe/Paris',
  'America/Toronto',
  'Europe/Stockholm',
  'Asia/Jerusalem',
  'Africa/Lagos',
  'Pacific/Auckland',
  'UTC',
];
const FORMATS = [
  'Meetup',
  'Workshop',
  'Night',
  'Conference',
  'Roundtable',
  'Study Group',
  'Lightning Talks',
  'Panel',
  'Breakfast',
  'Summit',
  'Hackathon',
  'Office Hours',
];
const FILLER = (
  'join us for an evening of talks and conversation with practitioners from local teams sharing ' +
  'lessons learned in production doors open at six pizza and drinks provided newcomers welcome bring ' +
  'questions our speakers cover real stories hands-on demos and a short q&a afterwards the venue is ' +
  'step-free seating is limited so please register early recordings will be shared with members'
).split(' ');
const EXTRA_TERMS = [
  'platform engineering',
  'kubernetes operators',
  'incident response',
  'design systems',
  'product discovery',
  'staff engineer',
  'public speaking',
  'career change',
  'web accessibility',
  'data engineering',
  'rust',
  'golang',
  'react',
  'terraform',
  'observability',
  'llm',
  'webinar',
  'sponsored',
  'crypto',
  'recruiting',
];
/** Single words, pairs, longer phrases, and punctuation people type ("ci/cd", "node.js"). */
const KEYWORDS = [...EXTRA_TERMS.slice(0, 16), 'infrastructure as code', 'women in tech', 'ci/cd', 'node.js'];
const MUTED_WORDS = ['crypto', 'blockchain', 'recruiting', 'sponsored', 'webinar', 'nft', 'sales pitch'];
const ORGANIZATION_WORDS = [
  'Guild',
  'Network',
  'Collective',
  'Society',
  'Circle',
  'Community',
  'Forum',
  'Lab',
];
const TOPIC_IDS = TOPICS.map((topic) => topic.id);
const pickTopic = zipfPicker(TOPICS.length, 0.6);

interface GeneratedSource {
  readonly id: string;
  readonly kind: SourceKind;
  readonly organization: string | null;
  readonly defaultTags: readonly string[];
  readonly cityIndex: number;
  readonly onlineShare: number;
}

function hexId(random: Random, length: number): string {
  let id = '';
  for (let i = 0; i < length; i++) id += Math.floor(random() * 16).toString(16);
  return id;
}

function generateSources(random: Random, count: number): GeneratedSource[] {
  return Array.from({ length: count }, (_, index) => {
    const cityIndex = pickCity(random);
    const topic = TOPICS[pickTopic(random)];
    const kindRoll = random();
    const kind: SourceKind =
      kindRoll < 0.45
        ? 'industry-event'
        : kindRoll < 0.7
          ? 'professional-org'
          : kindRoll < 0.8
            ? 'mentorship-program'
            : 'peer-group';
    const city = CITIES[cityIndex]?.name ?? 'Berlin';
    const organization = chance(random, 0.85)
      ? `${city} ${topic?.label ?? 'Tech'} ${pick(random, ORGANIZATION_WORDS)} ${index % 7 === 0 ? index : ''}`.trim()
      : null;
    return {
      id: `src-${index.toString().padStart(4, '0')}`,
      kind,
      organization,
      defaultTags: chance(random, 0.5) && topic ? [topic.id] : [],
      cityIndex,
      onlineShare: pick(random, [0.05, 0.1, 0.25, 0.5, 0.9]),
    };
  });
}

function sentence(random: Random, words: number): string {
  return Array.from({ length: words }, () => pick(random, FILLER)).join(' ');
}

function titleCase(text: string): string {
  return text.replace(/\b[a-z]/g, (letter) => letter.toUpperCase());
}

/** The events of the window (and a little either side of it), stored as ingest stores them. */
export function generateMatchingEvents(options: {
  readonly events: number;
  readonly seed?: number;
}): StoredEvent[] {
  const random = mulberry32((options.seed ?? 1) * 7919);
  const sources = generateSources(random, Math.max(20, Math.round(options.events / 20)));
  const from = BENCH_NOW.getTime() - DAY_MS / 2;
  const span = 15 * DAY_MS;
  const events: StoredEvent[] = [];
  for (let index = 0; index < options.events; index++) {
    const source = pick(random, sources);
    const topics = [TOPICS[pickTopic(random)], ...(chance(random, 0.5) ? [TOPICS[pickTopic(random)]] : [])];
    const mainTerm = pick(random, topics[0]?.terms ?? ['tech']);
    const extra = chance(random, 0.3) ? ` ${pick(random, EXTRA_TERMS)}` : '';
    const title = `${titleCase(mainTerm)}${extra ? `:${titleCase(extra)}` : ''} ${pick(random, FORMATS)}`;
    const description = [
      `${titleCase(sentence(random, 8))} ${pick(random, topics[1]?.terms ?? ['community'])}.`,
      `${titleCase(sentence(random, 12))}${chance(random, 0.3) ? ` ${pick(random, EXTRA_TERMS)}` : ''}.`,
      chance(random, 0.5) ? `${titleCase(sentence(random, 10))}.` : '',
    ]
      .join(' ')
      .trim();
    const categories = chance(random, 0.6) ? [pick(random, FORMATS), topics[0]?.label ?? 'Tech'] : [];
    const online = chance(random, source.onlineShare);
    const hybrid = online && chance(random, 0.1);
    const city = CITIES[chance(random, 0.8) ? source.cityIndex : pickCity(random)];
    const place =
      (!online || hybrid) && city
        ? {
            name: `${pick(random, ['Hub', 'Loft', 'Hall', 'Campus'])} ${index % 97}`,
            address: `${1 + (index % 200)} Main Street`,
            // Some feeds write the local name ("München").
            city: city.aliases.length > 0 && chance(random, 0.2) ? (city.aliases[0] as string) : city.name,
            country: COUNTRY_NAMES.of(city.countryCode) ?? null,
          }
        : null;
    const allDay = chance(random, 0.05);
    const startMs = from + Math.floor(random() * span);
    const start = allDay
      ? new Date(startMs).toISOString().slice(0, 10)
      : new Date(Math.floor(startMs / 900_000) * 900_000).toISOString().replace('.000Z', 'Z');
    const secondSource = chance(random, 0.08) ? pick(random, sources) : null;
    const statusRoll = random();
    events.push({
      id: hexId(random, 24),
      title,
      description,
      start,
      end: null,
      allDay,
      timeZone: allDay ? null : 'UTC',
      status: statusRoll < 0.02 ? 'cancelled' : statusRoll < 0.1 ? 'tentative' : 'confirmed',
      online,
      joinUrl: online ? 'https://meet.example/join' : null,
      location: place ? `${place.name}, ${place.city}` : online ? 'meet.example' : null,
      place,
      organizer: chance(random, 0.05) ? `${pick(random, HUBS)} Tech Collective` : source.organization,
      url: `https://events.example/${index}`,
      tags: tagEvent({ title, description, categories }, source.defaultTags),
      kind: source.kind,
      organization: source.organization,
      primarySourceId: source.id,
      sources: [
        { sourceId: source.id, sourceEventId: `e${index}`, url: null },
        ...(secondSource && secondSource.id !== source.id
          ? [{ sourceId: secondSource.id, sourceEventId: `x${index}`, url: null }]
          : []),
      ],
      removed: chance(random, 0.01),
      firstSeenAt: BENCH_NOW.toISOString(),
      updatedAt: BENCH_NOW.toISOString(),
    });
  }
  return events;
}

/** User `index` of the generated population: the same index always gives the same user. */
export function generateMatchingUser(events: readonly StoredEvent[], index: number, seed = 1): GeneratedUser {
  const random = mulberry32(((seed * 1_000_003) ^ (index * 2_654_435_761)) >>> 0);
  const topics = [
    ...new Set(
      Array.from({ length: 1 + Math.floor(random() * 4) }, () => TOPIC_IDS[pickTopic(random)] as string),
    ),
  ];
  const keywordCount = pick(random, [0, 0, 0, 0, 1, 1, 1, 2, 2, 3]);
  const keywords = [...new Set(Array.from({ length: keywordCount }, () => pick(random, KEYWORDS)))];
  const places: PlacePreference[] = [];
  const placeCount = pick(random, [0, 0, 1, 1, 1, 1, 1, 1, 1, 2]);
  for (let p = 0; p < placeCount; p++) {
    const city = CITIES[pickCity(random)];
    if (!city) continue;
    if (chance(random, 0.65)) {
      places.push({ kind: 'city', city: city.name, country: chance(random, 0.5) ? city.countryCode : null });
    } else {
      places.push({
        kind: 'point',
        label: `near ${city.name}`,
        latitude: city.latitude + (random() - 0.5) * 0.15,
        longitude: city.longitude + (random() - 0.5) * 0.15,
        radiusKm: pick(random, [5, 10, 25, 25, 50, 80]),
      });
    }
  }
  const someEvent = () => events[Math.floor(random() * events.length)] as StoredEvent;
  const followedOrganizations = Array.from({ length: pick(random, [0, 0, 0, 1, 1, 2, 3]) }, () => someEvent())
    .map((event) => event.organization)
    .filter((organization) => organization !== null)
    .map((organization) => (chance(random, 0.3) ? organization.toLowerCase() : organization));
  const notInterested = Array.from({ length: pick(random, [0, 0, 0, 0, 1, 2, 5]) }, () => {
    const event = someEvent();
    return {
      eventId: event.id,
      sourceId: event.primarySourceId,
      organization: event.organization,
      tags: event.tags,
      at: BENCH_NOW.toISOString(),
    };
  });
  const kinds = chance(random, 0.85)
    ? [...sourceKinds]
    : sourceKinds.filter((_, bit) => bit === 0 || chance(random, 0.5));
  const profile: UserProfile = {
    id: `user-${index}`,
    email: `user-${index}@example.org`,
    emailConfirmed: true,
    name: null,
    timeZone: pick(random, ZONES),
    digestDay: 'monday',
    digestHour: 8,
    reminderHour: 9,
    topics,
    keywords,
    places,
    onlineOk: chance(random, 0.75),
    kinds,
    followedOrganizations,
    followedSources: chance(random, 0.1) ? [someEvent().primarySourceId] : [],
    mutedWords: chance(random, 0.25) ? [pick(random, MUTED_WORDS), pick(random, MUTED_WORDS)] : [],
    mutedSources: chance(random, 0.05) ? [someEvent().primarySourceId] : [],
    paused: false,
    unsubscribed: false,
    quietWeekNotes: false,
    notInterested,
    createdAt: BENCH_NOW.toISOString(),
    updatedAt: BENCH_NOW.toISOString(),
  };
  // A previous digest: some events as they were shown, some of them since moved or retitled.
  const previous: PreviousDigestEntry[] = Array.from({ length: pick(random, [0, 0, 6, 12]) }, () => {
    const event = someEvent();
    const roll = random();
    const start =
      roll < 0.15 && !event.allDay
        ? new Date(Date.parse(event.start) - 3_600_000).toISOString()
        : event.start;
    return {
      eventId: event.id,
      start,
      status: roll > 0.95 ? 'confirmed' : event.status,
      title: roll > 0.9 ? `${event.title} (old title)` : event.title,
      allDay: event.allDay,
      updatedAt: event.updatedAt,
    };
  });
  return { profile, options: { now: BENCH_NOW, windowTo: BENCH_WINDOW_TO, previous } };
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] as number;
}

const sameMatches = (a: UserMatches, b: UserMatches) => JSON.stringify(a) === JSON.stringify(b);

export async function measureMatching(options: {
  readonly users: number;
  readonly events: number;
  readonly seed?: number;
}): Promise<MatchingFigures> {
  const seed = options.seed ?? 1;
  const events = generateMatchingEvents({ events: options.events, seed });

  // The first build pays for compiling regular expressions and the country table: time a second one.
  buildEventIndex(events);
  const buildStarted = performance.now();
  const index = buildEventIndex(events);
  const indexBuildMs = performance.now() - buildStarted;

  const sampleEvery = Math.max(1, Math.floor(options.users / 200));
  const warmUsers = Math.min(2_000, options.users);
  for (let i = 0; i < warmUsers; i++) {
    const user = generateMatchingUser(events, options.users + i, seed);
    matchEventsForUser(index, user.profile, user.options);
    if (i < 20) matchEventsNaively(events, user.profile, user.options);
  }

  const times = new Float64Array(options.users);
  const sampleIndexed: number[] = [];
  const sampleNaive: number[] = [];
  let totalMatches = 0;
  let mismatches = 0;
  for (let i = 0; i < options.users; i++) {
    const user = generateMatchingUser(events, i, seed);
    const started = performance.now();
    const result = matchEventsForUser(index, user.profile, user.options);
    const elapsed = performance.now() - started;
    times[i] = elapsed;
    totalMatches += result.matches.length;
    if (i % sampleEvery === 0) {
      sampleIndexed.push(elapsed);
      const naiveStarted = performance.now();
      const naive = matchEventsNaively(events, user.profile, user.options);
      sampleNaive.push(performance.now() - naiveStarted);
      if (!sameMatches(result, naive)) mismatches++;
    }
  }
  // Async only so a caller can await it alongside the other measurements.
  await Promise.resolve();

  const sorted = [...times].sort((a, b) => a - b);
  const sortedSampleIndexed = sampleIndexed.sort((a, b) => a - b);
  const sortedNaive = sampleNaive.sort((a, b) => a - b);
  const naiveP50 = percentile(sortedNaive, 0.5);
  return {
    matchMsPerUserP50: round(percentile(sorted, 0.5), 4),
    matchMsPerUserP95: round(percentile(sorted, 0.95), 4),
    naiveMsPerUserP50: round(naiveP50, 3),
    // Medians of the same sampled users, so both sides see the same profiles.
    speedupVsNaive: round(naiveP50 / percentile(sortedSampleIndexed, 0.5), 1),
    indexBuildMs: round(indexBuildMs, 1),
    naiveSampleUsers: sortedNaive.length,
    naiveMismatches: mismatches,
    meanMatchesPerUser: round(totalMatches / Math.max(1, options.users), 2),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const users = Number(process.argv[2] ?? 100_000);
  const events = Number(process.argv[3] ?? 20_000);
  const figures = await measureMatching({ users, events });
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
}
