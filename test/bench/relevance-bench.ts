/**
 * Relevance of the digest's selection on the labelled set (test/fixtures/relevance): each event is
 * turned into what ingest would store (its location text read by the place parser, its text tagged
 * by the topic tagger), every reader is matched as the digest matches them, and the selection is
 * compared with the labels.
 *
 *   precision  selected and relevant / selected                      (over all readers)
 *   recall     selected and relevant / min(relevant, digest size)   (a digest holds at most 12: a
 *              reader with 20 relevant events who gets 12 of them has missed nothing it could show)
 *
 * Run: node_modules/.bin/node test/bench/relevance-bench.ts [--misses]
 */
import { fileURLToPath } from 'node:url';
import type { StoredEvent } from '../../shared/events/stored-event.ts';
import { mergePlace, parseLocationText } from '../../shared/feeds/place.ts';
import { buildEventIndex, matchEventsForUser } from '../../shared/matching/match-events.ts';
import { DEFAULT_MAX_EVENTS } from '../../shared/matching/rank-matches.ts';
import { tagEvent } from '../../shared/topics/tag-event.ts';
import { relevanceEvents, type TrueEvent } from '../fixtures/relevance/events.ts';
import { type Label, labelPair } from '../fixtures/relevance/label-pairs.ts';
import { PERSONAS, profileOf } from '../fixtures/relevance/personas.ts';
import { NOW, WINDOW_TO } from '../fixtures/relevance/world.ts';
import { round } from './bench-stats.ts';

export interface RelevanceFigures {
  readonly readers: number;
  readonly events: number;
  readonly selected: number;
  readonly relevantSelected: number;
  readonly precision: number;
  readonly recall: number;
  /** Selected but labelled not relevant, and relevant but left out while the digest had room. */
  readonly falsePositives: readonly Miss[];
  readonly falseNegatives: readonly Miss[];
}

export interface Miss {
  readonly reader: string;
  readonly event: string;
  readonly title: string;
  readonly label: string;
  readonly reasons: readonly string[];
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** What ingest stores for the event: place read from the location line, tags from the text. */
export function storedEventOf(event: TrueEvent): StoredEvent {
  const sourceId = `src-${event.organizer.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return {
    id: event.id,
    title: event.title,
    description: event.description,
    start: iso(event.startMs),
    end: iso(event.startMs + 2 * 3_600_000),
    allDay: false,
    timeZone: event.timeZone,
    status: event.cancelled ? 'cancelled' : 'confirmed',
    online: event.online,
    joinUrl: event.online ? `https://meet.example/${event.id}` : null,
    location: event.location,
    place: event.location === null ? null : mergePlace(null, parseLocationText(event.location)),
    organizer: null,
    url: `https://events.example/${event.id}`,
    tags: tagEvent({ title: event.title, description: event.description, categories: [] }, []),
    kind: event.kind,
    organization: event.organizer,
    primarySourceId: sourceId,
    sources: [{ sourceId, sourceEventId: event.id, url: null }],
    removed: false,
    firstSeenAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
  };
}

export function measureRelevance(): RelevanceFigures {
  const events = relevanceEvents();
  const stored = events.map(storedEventOf);
  const index = buildEventIndex(stored);
  const titles = new Map(events.map((event) => [event.id, event.title]));
  let selected = 0;
  let relevantSelected = 0;
  let reachable = 0;
  const falsePositives: Miss[] = [];
  const falseNegatives: Miss[] = [];
  for (const persona of PERSONAS) {
    const labels = new Map<string, Label>(events.map((event) => [event.id, labelPair(persona, event)]));
    const result = matchEventsForUser(index, profileOf(persona), {
      now: NOW,
      windowTo: WINDOW_TO,
      previous: [],
    });
    const chosen = new Set(result.matches.map((match) => match.event.id));
    const relevant = [...labels].filter(([, label]) => label.relevant).map(([id]) => id);
    selected += chosen.size;
    reachable += Math.min(relevant.length, DEFAULT_MAX_EVENTS);
    for (const match of result.matches) {
      const label = labels.get(match.event.id);
      if (label?.relevant) relevantSelected++;
      else {
        falsePositives.push({
          reader: persona.id,
          event: match.event.id,
          title: match.event.title,
          label: label?.reason ?? 'unlabelled',
          reasons: match.reasons,
        });
      }
    }
    if (chosen.size < DEFAULT_MAX_EVENTS) {
      for (const id of relevant) {
        if (chosen.has(id)) continue;
        falseNegatives.push({
          reader: persona.id,
          event: id,
          title: titles.get(id) ?? '',
          label: labels.get(id)?.reason ?? '',
          reasons: [],
        });
      }
    }
  }
  return {
    readers: PERSONAS.length,
    events: events.length,
    selected,
    relevantSelected,
    precision: selected === 0 ? 0 : round(relevantSelected / selected, 3),
    recall: reachable === 0 ? 1 : round(relevantSelected / reachable, 3),
    falsePositives,
    falseNegatives,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figures = measureRelevance();
  const { falsePositives, falseNegatives, ...summary } = figures;
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  if (process.argv.includes('--misses')) {
    for (const miss of falsePositives) {
      process.stdout.write(
        `FP ${miss.reader} ${miss.event} "${miss.title}" — ${miss.label} — [${miss.reasons.join('; ')}]\n`,
      );
    }
    for (const miss of falseNegatives) {
      process.stdout.write(`FN ${miss.reader} ${miss.event} "${miss.title}" — ${miss.label}\n`);
    }
  }
}
