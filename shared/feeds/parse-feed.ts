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
import { parseICalendar } from './ical/parse-icalendar.ts';
import { parseJsonFeed } from './json-feed/parse-json-feed.ts';
import { parseJsonLdDocument, parseJsonLdHtml } from './json-ld/parse-json-ld.ts';
import { createTextMemo, normalizeEvent } from './normalize-event.ts';
import type { RawFeed } from './raw-event.ts';
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
  const { format, raw } = parseRaw(decoded.text, options, defaultTimeZone, maxEvents);
  for (const problem of raw.problems) problems.push(problem);
  // The iCalendar reader stops at the cap itself (series are where events multiply); the other
  // formats yield one event per entry and are cut here.
  if (raw.events.length > maxEvents) {
    raw.events.length = maxEvents;
    problems.push(eventCapProblem(maxEvents));
  }

  const context = { defaultTags: options.defaultTags ?? NO_TAGS, entryIndex: 0, textMemo: createTextMemo() };
  const events: NormalizedEvent[] = [];
  const ids = new Set<string>();
  for (let index = 0; index < raw.events.length; index++) {
    const rawEvent = raw.events[index];
    if (rawEvent === undefined) continue;
    context.entryIndex = index + 1;
    const outcome = normalizeEvent(rawEvent, context);
    if (!outcome.ok) {
      problems.push(outcome.problem);
      continue;
    }
    for (const problem of outcome.problems) problems.push(problem);
    const event = withUniqueId(outcome.event, ids);
    if (event === null) {
      problems.push({
        entry: outcome.event.uid ?? `#${index + 1}`,
        message: 'duplicate entry',
        severity: 'warning',
      });
      continue;
    }
    ids.add(event.id);
    events.push(event);
  }
  const title = raw.title === null ? null : htmlToLine(raw.title) || null;
  return { format, title, events, problems };
}

function parseRaw(
  text: string,
  options: ParseFeedOptions,
  defaultTimeZone: string | null,
  maxEvents: number,
): { format: FeedFormat; raw: RawFeed } {
  const detected = detectFeed(text, options.contentType);
  switch (detected.kind) {
    case 'icalendar':
      return {
        format: 'icalendar',
        raw: parseICalendar(text, options.window, { defaultTimeZone, maxEvents }),
      };
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
