/** Atom (RFC 4287) entries, under whatever prefix the feed gave the Atom namespace. */
import { readEventModule } from './event-module.ts';
import type { XmlFeedItem } from './item-to-raw-event.ts';
import type { XmlFeedItems } from './rss-items.ts';
import { NamespaceScope, NS } from './xml-namespaces.ts';
import { attribute, childrenOf, childText, textOf, type XmlElement } from './xml-tree.ts';

export function readAtom(root: XmlElement): XmlFeedItems {
  const rootScope = new NamespaceScope().enter(root);
  const atom = (local: string) => rootScope.names(NS.atom, local, '');
  const entries = childrenOf(root, atom('entry')).map((entry, index) => readEntry(entry, rootScope, index));
  return { title: childText(root, atom('title')), items: entries };
}

function readEntry(entry: XmlElement, parentScope: NamespaceScope, index: number): XmlFeedItem {
  const scope = parentScope.enter(entry);
  const atom = (local: string) => scope.names(NS.atom, local, '');
  const uid = childText(entry, atom('id'));
  const url = alternateLink(childrenOf(entry, atom('link')));
  const content = childrenOf(entry, atom('content')).find((element) => textOf(element).trim() !== '');
  const summary = childrenOf(entry, atom('summary')).find((element) => textOf(element).trim() !== '');
  const body = content ?? summary;
  const categories = childrenOf(entry, atom('category'))
    .map((category) => (attribute(category, 'label') ?? attribute(category, 'term') ?? '').trim())
    .filter((category) => category !== '');
  return {
    label: uid ?? url ?? `#${index + 1}`,
    uid,
    title: childText(entry, atom('title')),
    description: body ? textOf(body) : null,
    descriptionFormat: body && isMarkup(attribute(body, 'type')) ? 'html' : 'text',
    url,
    categories,
    authors: childrenOf(entry, atom('author'))
      .map((author) => childText(author, atom('name')))
      .filter((name): name is string => name !== null && name.trim() !== ''),
    event: readEventModule(entry, scope),
  };
}

/** `rel="alternate"` (the default when rel is absent) is the entry's page. */
function alternateLink(links: readonly XmlElement[]): string | null {
  const alternate = links.find((link) => (attribute(link, 'rel') ?? 'alternate') === 'alternate') ?? links[0];
  return alternate ? attribute(alternate, 'href')?.trim() || null : null;
}

function isMarkup(type: string | null): boolean {
  return type === 'html' || type === 'xhtml' || type === 'text/html';
}
