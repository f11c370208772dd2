/** Reading JSON-LD values, which may each be a string, a number, an array, a {"@value"} or a {"@id"}. */
import { schemaOrgName } from '../schema-org-terms.ts';

export type JsonObject = { readonly [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value or a list of them, as a list. */
export function listOf(value: unknown): readonly unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The first text in a value: strings, numbers, {"@value": …}; for objects, their name when asked. */
export function textOf(value: unknown): string | null {
  for (const item of listOf(value)) {
    if (typeof item === 'string') {
      const trimmed = item.trim();
      if (trimmed !== '') return trimmed;
    } else if (typeof item === 'number' && Number.isFinite(item)) return String(item);
    else if (isJsonObject(item) && '@value' in item) {
      const text = textOf(item['@value']);
      if (text !== null) return text;
    }
  }
  return null;
}

/** Text, or the `@id` of a reference (enumeration members are often written {"@id": "schema:EventCancelled"}). */
export function termOf(value: unknown): string | null {
  const text = textOf(value);
  if (text !== null) return text;
  for (const item of listOf(value)) {
    if (isJsonObject(item) && typeof item['@id'] === 'string') return item['@id'];
  }
  return null;
}

/** The schema.org type names of a node, without prefixes: "@type": "https://schema.org/MusicEvent" → ["MusicEvent"]. */
export function typesOf(node: JsonObject): string[] {
  return listOf(node['@type'])
    .filter((type): type is string => typeof type === 'string')
    .map(schemaOrgName);
}

/** A node's own identifier, unless it is a blank node ("_:b0"), which changes from page to page. */
export function nodeIdOf(node: JsonObject): string | null {
  const id = node['@id'];
  return typeof id === 'string' && id.trim() !== '' && !id.startsWith('_:') ? id.trim() : null;
}
