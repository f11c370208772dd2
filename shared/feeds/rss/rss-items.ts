/** RSS 2.0 (`<rss><channel><item>`) and RSS 1.0 (`<rdf:RDF><channel/><item>`) items. */
import { readEventModule } from './event-module.ts';
import type { XmlFeedItem } from './item-to-raw-event.ts';
import { NamespaceScope, NS } from './xml-namespaces.ts';
import { attribute, children, childrenOf, childText, textOf, type XmlElement } from './xml-tree.ts';

export interface XmlFeedItems {
  readonly title: string | null;
  readonly items: XmlFeedItem[];
}

export function readRss2(root: XmlElement): XmlFeedItems {
  const rootScope = new NamespaceScope().enter(root);
  const channel = children(root, 'channel')[0];
  if (channel === undefined) return { title: null, items: [] };
  const channelScope = rootScope.enter(channel);
  const items = children(channel, 'item').map((item, index) => {
    const scope = channelScope.enter(item);
    const guid = childText(item, ['guid']);
    const url = childText(item, ['link']);
    return readItem(item, scope, guid, url, index, [
      ...childrenOf(item, ['category', ...scope.names(NS.dc, 'subject', 'dc')]).map(textOf),
    ]);
  });
  return { title: childText(channel, ['title']), items };
}

export function readRss1(root: XmlElement): XmlFeedItems {
  const rootScope = new NamespaceScope().enter(root);
  const rss = (local: string) => rootScope.names(NS.rss1, local, '');
  const channel = childrenOf(root, rss('channel'))[0];
  const items = childrenOf(root, rss('item')).map((item, index) => {
    const scope = rootScope.enter(item);
    const about = scope.names(NS.rdf, 'about', 'rdf').map((name) => attribute(item, name));
    const uid = about.find((value) => value !== null && value.trim() !== '') ?? null;
    const url = childText(item, scope.names(NS.rss1, 'link', ''));
    const subjects = childrenOf(item, scope.names(NS.dc, 'subject', 'dc')).map(textOf);
    return readItem(item, scope, uid, url, index, subjects);
  });
  return { title: channel ? childText(channel, rss('title')) : null, items };
}

/** RSS 2.0's author is an address, by custom followed by the name in brackets: "jane@example.org (Jane Doe)". */
function rssAuthorName(text: string): string | null {
  const named = /\(([^()]+)\)\s*$/.exec(text);
  if (named) return named[1] as string;
  return text.includes('@') ? null : text;
}

function readItem(
  item: XmlElement,
  scope: NamespaceScope,
  uid: string | null,
  url: string | null,
  index: number,
  categories: string[],
): XmlFeedItem {
  const fullContent = childText(item, scope.names(NS.content, 'encoded', 'content'));
  return {
    label: uid ?? url ?? `#${index + 1}`,
    uid,
    title: childText(item, scope.names(NS.rss1, 'title', '')),
    description: fullContent ?? childText(item, scope.names(NS.rss1, 'description', '')),
    descriptionFormat: 'html',
    url,
    categories: categories.map((category) => category.trim()).filter((category) => category !== ''),
    authors: [
      ...childrenOf(item, scope.names(NS.dc, 'creator', 'dc')).map(textOf),
      ...childrenOf(item, ['author']).map((author) => rssAuthorName(textOf(author))),
    ].filter((name): name is string => name !== null && name.trim() !== ''),
    event: readEventModule(item, scope),
  };
}
