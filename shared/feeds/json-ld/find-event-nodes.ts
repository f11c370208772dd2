/**
 * Finding schema.org Event nodes in JSON-LD, wherever pages put them: top-level objects and arrays,
 * `@graph`, ItemList `itemListElement` (ListItem `item`), `mainEntity`, a place's or organization's
 * `event`/`events`, and `subEvent`/`subEvents`. References by `@id` are followed to the node they name.
 */
import { isJsonObject, type JsonObject, listOf, nodeIdOf, typesOf } from './json-ld-values.ts';

/** Event and all its schema.org subtypes. */
export const EVENT_TYPES: ReadonlySet<string> = new Set([
  'Event',
  'BusinessEvent',
  'ChildrensEvent',
  'ComedyEvent',
  'CourseInstance',
  'DanceEvent',
  'DeliveryEvent',
  'EducationEvent',
  'EventSeries',
  'ExhibitionEvent',
  'Festival',
  'FoodEvent',
  'Hackathon',
  'LiteraryEvent',
  'MusicEvent',
  'PublicationEvent',
  'BroadcastEvent',
  'OnDemandEvent',
  'SaleEvent',
  'ScreeningEvent',
  'SocialEvent',
  'SportsEvent',
  'TheaterEvent',
  'VisualArtsEvent',
]);

const CONTAINERS = ['@graph', 'itemListElement', 'item', 'mainEntity', 'event', 'events'] as const;
const SUB_EVENTS = ['subEvent', 'subEvents'] as const;
/** JSON-LD nests, but not this deep on any honest page. */
const MAX_DEPTH = 32;

export function isEventNode(node: JsonObject): boolean {
  return typesOf(node).some((type) => EVENT_TYPES.has(type));
}

/** Every node with an `@id` and something besides it, so references can be followed. */
export function indexNodesById(documents: readonly unknown[]): ReadonlyMap<string, JsonObject> {
  const index = new Map<string, JsonObject>();
  const visit = (value: unknown, depth: number) => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    if (!isJsonObject(value)) return;
    const id = nodeIdOf(value);
    if (id !== null && Object.keys(value).length > 1 && !index.has(id)) index.set(id, value);
    for (const key of Object.keys(value)) {
      const child = value[key];
      if (typeof child === 'object' && child !== null) visit(child, depth + 1);
    }
  };
  for (const document of documents) visit(document, 0);
  return index;
}

/** A bare `{"@id": "…"}` stands for the node it names. */
export function resolveReference(value: unknown, index: ReadonlyMap<string, JsonObject>): unknown {
  if (!isJsonObject(value)) return value;
  const id = nodeIdOf(value);
  if (id === null || Object.keys(value).length > 1) return value;
  return index.get(id) ?? value;
}

export function findEventNodes(
  documents: readonly unknown[],
  index: ReadonlyMap<string, JsonObject>,
): JsonObject[] {
  const events: JsonObject[] = [];
  const seen = new Set<JsonObject>();
  const seenIds = new Set<string>();
  const visit = (raw: unknown, depth: number) => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(raw)) {
      for (const item of raw) visit(item, depth + 1);
      return;
    }
    const value = resolveReference(raw, index);
    if (!isJsonObject(value) || seen.has(value)) return;
    seen.add(value);
    if (isEventNode(value)) {
      const id = nodeIdOf(value);
      if (id === null || !seenIds.has(id)) {
        if (id !== null) seenIds.add(id);
        events.push(value);
      }
      for (const key of SUB_EVENTS) for (const child of listOf(value[key])) visit(child, depth + 1);
      return;
    }
    for (const key of CONTAINERS) for (const child of listOf(value[key])) visit(child, depth + 1);
  };
  for (const document of documents) visit(document, 0);
  return events;
}
