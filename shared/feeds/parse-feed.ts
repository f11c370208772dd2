/**
 * The one entry point for reading a feed: bytes → text → format → the format's parser → normalized
 * events. One bad entry becomes a problem and never costs the others; FeedParseError is thrown only
 * when the input is not a feed at all.
 */
import { DEFAULT_MAX_EVENTS_PER_SOURCE } from '../config/ingest-config.ts';
import { conferenceTopicOf } from './conference-data/conference-topics.ts';
import { parseConferenceData } from './conference-data/parse-conference-data.ts';
import { decodeBody } from './decode-body.ts';
import { detectFeed } from './detect-format.ts';
import { eventCapProblem } from './event-cap.ts';
import { entryIdentity, eventId } from './event-id.ts';
import { isValidTimeZone } from './event-time.ts';
import type { ExpansionWindow, FeedFormat, FeedProblem, NormalizedEvent, ParsedFeed } from './feed-event.ts';
import { readICalendar } from './ical/parse-icalendar.ts';
import type { EventSink } from './ical/reading.ts';
import { parseJsonFeed } from './json-feed/parse-json-feed.ts';
import { parseJsonLdDocument, parseJsonLdHtml } from './json-ld/parse-json-ld.ts';
import {
  createTextMemo,
  type NormalizeContext,
  type NormalizeOutcome,
  normalizeEvent,
} from './normalize-event.ts';
import type { RawEvent, RawFeed } from './raw-event.ts';
import { parseXmlFeed } from './rss/parse-xml-feed.ts';
import { htmlToLine } from './text/html-to-text.ts';

export interface ParseFeedOptions {
  readonly contentType?: string | null;
  /** Recurring iCalendar series are expanded to the occurrences starting in it; other events are kept whatever their date. */
  readonly window: ExpansionWindow;
  /** The zone for wall times the feed gives without an offset or zone (the source's zone). */
  readonly defaultTimeZone?: string | null;
  /** Tags every event of the source carries. */
  readonly defaultTags?: readonly string[];
  /** The most events (recurring occurrences included) the feed may yield; DEFAULT_MAX_EVENTS_PER_SOURCE when absent. */
  readonly maxEvents?: number;
  /** Where the feed comes from (URL or file path): the conference data set's file name gives its topic. */
  readonly location?: string | null;
}

const NO_TAGS: readonly string[] = [];

export function parseFeed(body: Uint8Array | string, options: ParseFeedOptions): ParsedFeed {
  const decoded = decodeBody(body, options.contentType);
  const problems: FeedProblem[] = decoded.problems;
  const defaultTimeZone = checkedTimeZone(options.defaultTimeZone ?? null, problems);
  const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS_PER_SOURCE;
  const context = { defaultTags: options.defaultTags ?? NO_TAGS, entryIndex: 0, textMemo: createTextMemo() };
  const entries = normalizingSink(context);
  const read = readEntries(decoded.text, options, defaultTimeZone, maxEvents, entries);
  for (const problem of read.problems) problems.push(problem);

  const events: NormalizedEvent[] = [];
  const ids = new Set<string>();
  let entryIndex = 0;
  for (let slot = 0; slot < entries.added.length; slot++) {
    if (read.takenBack.has(slot)) continue;
    entryIndex++;
    const outcome = entries.outcomeAt(slot, entryIndex);
    if (!outcome.ok) {
      problems.push(outcome.problem);
      continue;
    }
    for (const problem of outcome.problems) problems.push(problem);
    const event = withUniqueId(outcome.event, ids);
    if (event === null) {
      problems.push({
        entry: outcome.event.uid ?? `#${entryIndex}`,
        message: 'duplicate entry',
        severity: 'warning',
      });
      continue;
    }
    ids.add(event.id);
    events.push(event);
  }
  const title = read.title === null ? null : htmlToLine(read.title) || null;
  return { format: read.format, title, events, problems };
}

/**
 * Normalizes each event as the reader hands it over, so that the reader's RawEvent (and what it was
 * read from) is garbage at once instead of a second copy of the feed held until the end. An entry
 * without an id of its own is named by its final position (`#n`), which a later take-back of an
 * earlier event can still change: it is kept raw and normalized when its position is known.
 */
interface NormalizingSink extends EventSink {
  /** Every event handed over, by slot: normalized, or still raw when it has no id of its own. */
  readonly added: readonly (NormalizeOutcome | RawEvent)[];
  /** The outcome of the event in `slot`, which ended up the `entryIndex`th entry of the feed. */
  outcomeAt(slot: number, entryIndex: number): NormalizeOutcome;
}

function normalizingSink(context: NormalizeContext & { entryIndex: number }): NormalizingSink {
  const added: (NormalizeOutcome | RawEvent)[] = [];
  return {
    added,
    add(event) {
      const named = event.uid !== null && event.uid.trim() !== '';
      added.push(named ? normalizeEvent(event, context) : event);
    },
    outcomeAt(slot, entryIndex) {
      const entry = added[slot] as NormalizeOutcome | RawEvent;
      if ('ok' in entry) return entry;
      context.entryIndex = entryIndex;
      return normalizeEvent(entry, context);
    },
  };
}

interface ReadEntries {
  readonly format: FeedFormat;
  readonly title: string | null;
  readonly problems: FeedProblem[];
  readonly takenBack: ReadonlySet<number>;
}

const NONE_TAKEN_BACK: ReadonlySet<number> = new Set();

/** Reads the feed in its format, handing its events to `sink`; the reader's problems come first. */
function readEntries(
  text: string,
  options: ParseFeedOptions,
  defaultTimeZone: string | null,
  maxEvents: number,
  sink: EventSink,
): ReadEntries {
  const detected = detectFeed(text, options.contentType);
  // The iCalendar reader stops at the cap itself (series are where events multiply) and hands its
  // events over as it goes; the other formats yield one event per entry and are cut here.
  if (detected.kind === 'icalendar') {
    const read = readICalendar(text, options.window, { defaultTimeZone, maxEvents }, sink);
    return { format: 'icalendar', ...read };
  }
  const { format, raw } = parseOtherFormat(detected, text, options, defaultTimeZone);
  const problems = raw.problems;
  if (raw.events.length > maxEvents) {
    raw.events.length = maxEvents;
    problems.push(eventCapProblem(maxEvents));
  }
  for (const event of raw.events) sink.add(event);
  return { format, title: raw.title, problems, takenBack: NONE_TAKEN_BACK };
}

function parseOtherFormat(
  detected: Exclude<ReturnType<typeof detectFeed>, { kind: 'icalendar' }>,
  text: string,
  options: ParseFeedOptions,
  defaultTimeZone: string | null,
): { format: FeedFormat; raw: RawFeed } {
  switch (detected.kind) {
    case 'rss':
    case 'atom': {
      const feed = parseXmlFeed(text, { defaultTimeZone });
      return { format: feed.format, raw: feed };
    }
    case 'json-feed':
      return { format: 'json-feed', raw: parseJsonFeed(detected.json, { defaultTimeZone }) };
    case 'json-ld':
      return { format: 'json-ld', raw: parseJsonLdDocument(detected.json, { defaultTimeZone }) };
    case 'conference-data':
      return {
        format: 'conference-data',
        raw: parseConferenceData(detected.json, { topic: conferenceTopicOf(options.location) }),
      };
    case 'html':
      return { format: 'json-ld', raw: parseJsonLdHtml(text, { defaultTimeZone }) };
  }
}

/**
 * Two entries with one identity (a feed reusing a UID or URL for different dates): the later one is
 * told apart by its start; if even that collides it is the same entry twice and is dropped.
 */
function withUniqueId(event: NormalizedEvent, ids: ReadonlySet<string>): NormalizedEvent | null {
  if (!ids.has(event.id)) return event;
  const id = eventId(`${entryIdentity(event)}@${event.start}`, event.recurrenceId);
  return ids.has(id) ? null : { ...event, id };
}

function checkedTimeZone(zone: string | null, problems: FeedProblem[]): string | null {
  if (zone === null || zone.trim() === '') return null;
  if (isValidTimeZone(zone.trim())) return zone.trim();
  problems.push({
    entry: null,
    message: `unknown default time zone "${zone}"; times without a zone are read as UTC`,
    severity: 'warning',
  });
  return null;
}
