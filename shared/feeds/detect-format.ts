/**
 * Which feed format a text is, read from its content: feeds are often served as text/plain or
 * application/octet-stream, so the Content-Type is only a hint for error messages.
 */

import { looksLikeConferenceData } from './conference-data/conference-schema.ts';
import { FeedParseError } from './feed-errors.ts';
import type { FeedFormat } from './feed-event.ts';
import { JsonTooDeepError, parseFeedJson } from './read-json.ts';

/** What detection found; JSON documents come back parsed so they are not parsed twice. */
export type DetectedFeed =
  | { readonly kind: 'icalendar' }
  | { readonly kind: 'rss' }
  | { readonly kind: 'atom' }
  | { readonly kind: 'json-feed'; readonly json: unknown }
  | { readonly kind: 'json-ld'; readonly json: unknown }
  | { readonly kind: 'conference-data'; readonly json: unknown[] }
  | { readonly kind: 'html' };

export const NOT_A_FEED =
  'not a recognised feed: expected iCalendar, RSS, Atom, JSON Feed, the conference data set (confs.tech) or an HTML page with schema.org Event JSON-LD';

const ICALENDAR_START = /^BEGIN:VCALENDAR\b/i;
const JSON_FEED_VERSION = /^https?:\/\/jsonfeed\.org\/version\//;
const LD_JSON_SCRIPT = /<script\b[^>]*\btype\s*=\s*["']?\s*application\/ld\+json/i;
const HTML_START = /^<(?:!doctype\s+html|html|head|body|meta|title|link|script|div|p)\b/i;
/** Before the root element: XML declaration, processing instructions, comments, a doctype. */
const PROLOG_ITEM = /^\s*(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]*\[[\s\S]*?\])?[^>]*>)/i;
const ROOT_ELEMENT = /^\s*<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/;

export function detectFormat(text: string, contentType?: string | null): FeedFormat {
  const detected = detectFeed(text, contentType);
  return detected.kind === 'html' ? 'json-ld' : detected.kind;
}

export function detectFeed(text: string, contentType?: string | null): DetectedFeed {
  const start = firstContentIndex(text);
  const head = text.slice(start, start + 64);
  if (ICALENDAR_START.test(head)) return { kind: 'icalendar' };
  const first = head[0];
  if (first === '{' || first === '[') return detectJson(text, contentType);
  if (first === '<') return detectMarkup(text.slice(start));
  throw new FeedParseError(withHint(NOT_A_FEED, contentType));
}

function detectJson(text: string, contentType: string | null | undefined): DetectedFeed {
  let json: unknown;
  try {
    json = parseFeedJson(text);
  } catch (error) {
    if (error instanceof JsonTooDeepError) throw error;
    throw new FeedParseError(`${NOT_A_FEED} (the JSON could not be read: ${(error as Error).message})`);
  }
  if (isObject(json) && typeof json.version === 'string' && JSON_FEED_VERSION.test(json.version)) {
    return { kind: 'json-feed', json };
  }
  if (isJsonLd(json)) return { kind: 'json-ld', json };
  if (looksLikeConferenceData(json)) return { kind: 'conference-data', json };
  throw new FeedParseError(
    withHint(
      `${NOT_A_FEED} (JSON without a JSON Feed version, a JSON-LD @context or conference entries)`,
      contentType,
    ),
  );
}

function detectMarkup(markup: string): DetectedFeed {
  let rest = markup;
  let prolog = PROLOG_ITEM.exec(rest);
  let isHtmlDoctype = false;
  while (prolog) {
    if (/^\s*<!DOCTYPE\s+html\b/i.test(prolog[0])) isHtmlDoctype = true;
    rest = rest.slice(prolog[0].length);
    prolog = PROLOG_ITEM.exec(rest);
  }
  const root = ROOT_ELEMENT.exec(rest);
  const localName = root?.[2]?.toLowerCase();
  if (!isHtmlDoctype) {
    if (localName === 'rss') return { kind: 'rss' };
    if (localName === 'rdf' && root?.[1]) return { kind: 'rss' };
    if (localName === 'feed') return { kind: 'atom' };
  }
  if (isHtmlDoctype || HTML_START.test(rest.trimStart())) {
    if (LD_JSON_SCRIPT.test(markup)) return { kind: 'html' };
    throw new FeedParseError(`${NOT_A_FEED} (an HTML page without application/ld+json script blocks)`);
  }
  throw new FeedParseError(
    `${NOT_A_FEED} (XML whose root element is <${root ? `${root[1] ?? ''}${root[2]}` : '?'}>)`,
  );
}

function isJsonLd(json: unknown): boolean {
  if (Array.isArray(json)) return json.some(isJsonLd);
  return isObject(json) && ('@context' in json || '@type' in json || '@graph' in json);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Skips a byte-order mark and leading whitespace. */
function firstContentIndex(text: string): number {
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 0xfeff || code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) index++;
    else break;
  }
  return index;
}

function withHint(message: string, contentType: string | null | undefined): string {
  return contentType ? `${message}; the server said ${contentType.split(';')[0]?.trim()}` : message;
}
