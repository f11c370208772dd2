/**
 * Namespace prefixes as a feed binds them. fast-xml-parser keeps qualified names ("ev:startdate"),
 * so the event module is found under whatever prefix the feed chose for its namespace.
 */
import type { XmlElement } from './xml-tree.ts';

export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  event: 'http://purl.org/rss/1.0/modules/event/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rss1: 'http://purl.org/rss/1.0/',
  xcal: 'urn:ietf:params:xml:ns:xcal',
} as const;

const XMLNS_ATTRIBUTE = '@_xmlns';
const XMLNS_PREFIXED_ATTRIBUTE = '@_xmlns:';

/** The prefixes in force at one element, with its parent's inherited. */
export class NamespaceScope {
  private readonly prefixes: ReadonlyMap<string, string>;
  private readonly cache = new Map<string, readonly string[]>();

  constructor(prefixes: ReadonlyMap<string, string> = new Map()) {
    this.prefixes = prefixes;
  }

  /** The scope inside `element`: this one unless the element declares namespaces itself. */
  enter(element: XmlElement): NamespaceScope {
    let declared: Map<string, string> | null = null;
    for (const key of Object.keys(element)) {
      if (key !== XMLNS_ATTRIBUTE && !key.startsWith(XMLNS_PREFIXED_ATTRIBUTE)) continue;
      const uri = element[key];
      if (typeof uri !== 'string') continue;
      declared ??= new Map(this.prefixes);
      declared.set(key === XMLNS_ATTRIBUTE ? '' : key.slice(XMLNS_PREFIXED_ATTRIBUTE.length), uri.trim());
    }
    return declared === null ? this : new NamespaceScope(declared);
  }

  /**
   * The qualified names `local` has in namespace `uri` here. `conventionalPrefix` is tried too when
   * it is not bound to something else, for feeds that use `ev:` without declaring it ('' = no prefix).
   */
  names(uri: string, local: string, conventionalPrefix: string): readonly string[] {
    const key = `${uri} ${local} ${conventionalPrefix}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const names: string[] = [];
    for (const [prefix, boundUri] of this.prefixes) {
      if (boundUri === uri) names.push(prefix === '' ? local : `${prefix}:${local}`);
    }
    if (!this.prefixes.has(conventionalPrefix)) {
      const name = conventionalPrefix === '' ? local : `${conventionalPrefix}:${local}`;
      if (!names.includes(name)) names.push(name);
    }
    this.cache.set(key, names);
    return names;
  }
}
