/** What RSS items and Atom entries have in common, turned into a RawEvent (or a problem). */
import { exclusiveEnd, isValidTimeZone, parseEventTime } from '../event-time.ts';
import type { FeedProblem } from '../feed-event.ts';
import type { RawEvent } from '../raw-event.ts';
import type { EventModuleFields } from './event-module.ts';

export interface XmlFeedItem {
  /** How a problem names the entry: its id or link, else `#<position>`. */
  readonly label: string;
  readonly uid: string | null;
  readonly title: string | null;
  readonly description: string | null;
  readonly descriptionFormat: 'text' | 'html';
  readonly url: string | null;
  readonly categories: readonly string[];
  /** The entry's authors by name (Atom author/name, dc:creator, RSS author "address (Name)"). */
  readonly authors: readonly string[];
  readonly event: EventModuleFields;
}

export const NO_START_DATE = 'entry has no event start date (not an event)';

export function itemToRawEvent(
  item: XmlFeedItem,
  defaultTimeZone: string | null,
  problems: FeedProblem[],
): RawEvent | null {
  const { event } = item;
  if (event.start === null) {
    problems.push({ entry: item.label, message: NO_START_DATE, severity: 'warning' });
    return null;
  }
  const zone = event.timeZone !== null && isValidTimeZone(event.timeZone) ? event.timeZone : defaultTimeZone;
  const start = parseEventTime(event.start, zone);
  if (start === null) {
    problems.push({ entry: item.label, message: `entry has an invalid event start date "${event.start}"` });
    return null;
  }
  let end = event.end === null ? null : parseEventTime(event.end, zone);
  if (event.end !== null && end === null) {
    problems.push({
      entry: item.label,
      message: `invalid event end date "${event.end}"; end ignored`,
      severity: 'warning',
    });
  }
  if (end !== null && event.endDateIsInclusive) end = exclusiveEnd(end);
  const categories = event.type === null ? item.categories : [...item.categories, event.type];
  return {
    uid: item.uid,
    recurrenceId: null,
    title: item.title,
    description: item.description,
    descriptionFormat: item.descriptionFormat,
    start,
    end,
    status: null,
    online: null,
    joinUrl: null,
    locationText: event.location,
    place: null,
    organizer: event.organizer,
    url: item.url,
    categories,
    people: item.authors.map((name) => ({ name, role: 'author' as const })),
  };
}
