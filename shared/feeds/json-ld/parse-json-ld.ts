/** schema.org Events from an HTML page's JSON-LD script blocks, or from a bare JSON-LD document. */
import { FeedParseError } from '../feed-errors.ts';
import type { FeedProblem } from '../feed-event.ts';
import type { RawEvent, RawFeed } from '../raw-event.ts';
import { JsonTooDeepError, parseFeedJson } from '../read-json.ts';
import { decodeHtmlEntities } from '../text/html-to-text.ts';
import { findEventNodes, indexNodesById } from './find-event-nodes.ts';
import { ldJsonScriptBlocks } from './html-script-blocks.ts';
import { schemaEventToRawEvent } from './schema-event.ts';

export interface JsonLdOptions {
  readonly defaultTimeZone: string | null;
}

/** Comment or CDATA wrappers some CMSs put around script content. */
const WRAPPERS =
  /^\s*(?:<!--|\/\*\s*<!\[CDATA\[\s*\*\/|\/\/\s*<!\[CDATA\[)|(?:-->|\/\*\s*\]\]>\s*\*\/|\/\/\s*\]\]>)\s*$/g;
const RAW_LINE_BREAKS_AND_TABS = /[\r\n\t]+/g;
const TITLE = /<title\b[^>]*>([^<]*)<\/title>/i;

export function parseJsonLdHtml(html: string, options: JsonLdOptions): RawFeed {
  const problems: FeedProblem[] = [];
  const documents: unknown[] = [];
  const blocks = ldJsonScriptBlocks(html);
  blocks.forEach((block, index) => {
    const parsed = parseBlock(block);
    if (parsed.ok) documents.push(parsed.value);
    else
      problems.push({
        entry: null,
        message: `JSON-LD block ${index + 1} is not valid JSON: ${parsed.error}`,
      });
  });
  // A page none of whose JSON-LD can be read is an unreadable feed, not a page without events.
  if (blocks.length > 0 && documents.length === 0)
    throw new FeedParseError(`none of the page's JSON-LD could be read: ${problems[0]?.message ?? ''}`);
  const title = TITLE.exec(html)?.[1];
  return readDocuments(documents, options, problems, title ? decodeHtmlEntities(title).trim() || null : null);
}

export function parseJsonLdDocument(json: unknown, options: JsonLdOptions): RawFeed {
  return readDocuments([json], options, [], null);
}

function readDocuments(
  documents: readonly unknown[],
  options: JsonLdOptions,
  problems: FeedProblem[],
  title: string | null,
): RawFeed {
  const index = indexNodesById(documents);
  const context = { defaultTimeZone: options.defaultTimeZone, index };
  const events: RawEvent[] = [];
  findEventNodes(documents, index).forEach((node, position) => {
    const event = schemaEventToRawEvent(node, position + 1, context, problems);
    if (event !== null) events.push(event);
  });
  if (events.length === 0 && problems.length === 0) {
    problems.push({ entry: null, message: 'no schema.org Event found in the JSON-LD', severity: 'warning' });
  }
  return { title, events, problems };
}

/**
 * Pages hand-write their JSON-LD: besides stripping comment wrappers, a block that fails only because
 * of raw line breaks or tabs inside strings is read again with them turned into spaces.
 */
function parseBlock(block: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const text = block.replace(WRAPPERS, '');
  try {
    return { ok: true, value: parseFeedJson(text, 'the block') };
  } catch (error) {
    if (error instanceof JsonTooDeepError) return { ok: false, error: error.message };
    try {
      return { ok: true, value: JSON.parse(text.replace(RAW_LINE_BREAKS_AND_TABS, ' ')) };
    } catch {
      return { ok: false, error: (error as Error).message };
    }
  }
}
