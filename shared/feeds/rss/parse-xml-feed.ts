/** RSS 2.0, RSS 1.0 (RDF) and Atom feeds carrying the RSS event module (or xCal) → RawFeed. */
import { FeedParseError } from '../feed-errors.ts';
import type { FeedProblem } from '../feed-event.ts';
import type { RawEvent, RawFeed } from '../raw-event.ts';
import { readAtom } from './atom-entries.ts';
import { itemToRawEvent } from './item-to-raw-event.ts';
import { readRss1, readRss2 } from './rss-items.ts';
import { parseXml } from './xml-tree.ts';

export interface XmlFeedOptions {
  readonly defaultTimeZone: string | null;
}

export function parseXmlFeed(text: string, options: XmlFeedOptions): RawFeed & { format: 'rss' | 'atom' } {
  const document = parseXml(text);
  const localName = document.rootName.slice(document.rootName.indexOf(':') + 1);
  let format: 'rss' | 'atom';
  let read: ReturnType<typeof readRss2>;
  if (localName === 'rss') {
    format = 'rss';
    read = readRss2(document.root);
  } else if (localName === 'RDF') {
    format = 'rss';
    read = readRss1(document.root);
  } else if (localName === 'feed') {
    format = 'atom';
    read = readAtom(document.root);
  } else {
    throw new FeedParseError(`not an RSS or Atom feed: the root element is <${document.rootName}>`);
  }
  const problems: FeedProblem[] = [...document.problems];
  const events: RawEvent[] = [];
  for (const item of read.items) {
    const event = itemToRawEvent(item, options.defaultTimeZone, problems);
    if (event !== null) events.push(event);
  }
  return { format, title: read.title, events, problems };
}
