/**
 * XML feeds → a plain tree, with fast-xml-parser set up for untrusted input: DOCTYPE entities are
 * capped (count, size, expansions, expanded length) so an entity bomb fails fast instead of eating
 * memory, and every element is an array of objects so readers never guess at shapes.
 */
import { type ProcessEntitiesOptions, XMLParser, XMLValidator } from 'fast-xml-parser';
import { FeedParseError } from '../feed-errors.ts';
import type { FeedProblem } from '../feed-event.ts';

/** One element: child elements by qualified name, attributes as `@_name`, text as `#text`. */
export type XmlElement = { readonly [name: string]: unknown };

/**
 * `appliesTo: 'external'` (in fast-xml-parser's code, missing from its types) counts only entities a
 * DOCTYPE declares, so the `&amp;`s of a large honest feed never trip the limits.
 */
const entityLimits: ProcessEntitiesOptions & { readonly appliesTo: 'external' } = {
  enabled: true,
  maxEntityCount: 32,
  maxEntitySize: 1_000,
  maxTotalExpansions: 1_000,
  maxExpandedLength: 100_000,
  appliesTo: 'external',
};

/** Real feeds nest a handful of elements; hundreds is hostile (and would make walking the tree recursive). */
const maxXmlDepth = 200;
const NESTING_LIMIT_ERROR = /nested tags/i;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  alwaysCreateTextNode: true,
  isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Numeric character references are XML; named HTML ones (&nbsp;) are common in feeds anyway.
  htmlEntities: true,
  processEntities: entityLimits,
  // XHTML content stays markup, to be read as HTML later.
  stopNodes: ['..content[type=xhtml]', '..summary[type=xhtml]', '..title[type=xhtml]'],
  maxNestedTags: maxXmlDepth,
});

const ENTITY_LIMIT_ERROR = /entity|expan/i;

export interface XmlDocument {
  /** The root element and its qualified name ("rss", "rdf:RDF", "feed", "atom:feed"). */
  readonly root: XmlElement;
  readonly rootName: string;
  readonly problems: FeedProblem[];
}

/**
 * Parses leniently (a stray `&` or an unclosed `<item>` should not cost the whole feed) but reports
 * what a strict reading finds; fails only when nothing usable comes out.
 */
export function parseXml(text: string): XmlDocument {
  const validation = XMLValidator.validate(text);
  const strictError =
    validation === true
      ? null
      : `line ${validation.err.line}, column ${validation.err.col}: ${validation.err.msg}`;
  let tree: XmlElement;
  try {
    tree = parser.parse(text) as XmlElement;
  } catch (error) {
    const reason = (error as Error).message;
    if (ENTITY_LIMIT_ERROR.test(reason)) throw new FeedParseError(`XML feed rejected: ${reason}`);
    if (NESTING_LIMIT_ERROR.test(reason))
      throw new FeedParseError(`XML feed rejected: elements nested more than ${maxXmlDepth} levels deep`);
    throw new FeedParseError(`malformed XML feed: ${strictError ?? reason}`);
  }
  const rootName = Object.keys(tree).find((name) => !name.startsWith('?') && !name.startsWith('#'));
  const root = rootName === undefined ? undefined : children(tree, rootName)[0];
  if (rootName === undefined || root === undefined) {
    throw new FeedParseError(`malformed XML feed: ${strictError ?? 'no root element'}`);
  }
  const problems: FeedProblem[] =
    strictError === null
      ? []
      : [{ entry: null, message: `XML is not well-formed (${strictError}); read leniently` }];
  return { root, rootName, problems };
}

export function children(element: XmlElement, name: string): XmlElement[] {
  const value = element[name];
  return Array.isArray(value) ? (value as XmlElement[]) : [];
}

/** Children under any of several qualified names (one namespace can have several prefixes). */
export function childrenOf(element: XmlElement, names: readonly string[]): XmlElement[] {
  if (names.length === 1) return children(element, names[0] ?? '');
  return names.flatMap((name) => children(element, name));
}

export function textOf(element: XmlElement): string {
  const text = element['#text'];
  return typeof text === 'string' ? text : '';
}

/** The first non-empty text among the named children, trimmed; null when there is none. */
export function childText(element: XmlElement, names: readonly string[]): string | null {
  for (const name of names) {
    for (const child of children(element, name)) {
      const text = textOf(child).trim();
      if (text !== '') return text;
    }
  }
  return null;
}

export function attribute(element: XmlElement, name: string): string | null {
  const value = element[`@_${name}`];
  return typeof value === 'string' ? value : null;
}
