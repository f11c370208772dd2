/** JSON Feed documents → RawFeed: one event per item with an `_event` extension (see json-feed-schema.ts). */
import type { ValidationError } from '../../validation/zod.ts';
import { datePart, exclusiveEnd, isValidTimeZone, parseEventTime } from '../event-time.ts';
import { FeedParseError } from '../feed-errors.ts';
import type { FeedProblem } from '../feed-event.ts';
import type { EventTime, RawEvent, RawFeed } from '../raw-event.ts';
import { readAttendanceMode, readEventStatus } from '../schema-org-terms.ts';
import {
  type JsonFeedEvent,
  type JsonFeedItem,
  jsonFeedItemSchema,
  jsonFeedSchema,
} from './json-feed-schema.ts';

export interface JsonFeedOptions {
  readonly defaultTimeZone: string | null;
}

export function parseJsonFeed(json: unknown, options: JsonFeedOptions): RawFeed {
  const feed = jsonFeedSchema.safeParse(json);
  if (!feed.success) throw new FeedParseError(`not a readable JSON Feed: ${describeIssues(feed.error)}`);
  const problems: FeedProblem[] = [];
  const events: RawEvent[] = [];
  feed.data.items.forEach((value, index) => {
    const item = jsonFeedItemSchema.safeParse(value);
    if (!item.success) {
      problems.push({ entry: labelOfUnparsed(value, index), message: describeIssues(item.error) });
      return;
    }
    const event = itemToRawEvent(item.data, labelOf(item.data, index), options, problems);
    if (event !== null) events.push(event);
  });
  return { title: feed.data.title ?? null, events, problems };
}

function itemToRawEvent(
  item: JsonFeedItem,
  label: string,
  options: JsonFeedOptions,
  problems: FeedProblem[],
): RawEvent | null {
  const extension = item._event;
  const startText = extension?.start ?? extension?.startDate;
  if (!extension || !startText) {
    problems.push({
      entry: label,
      message: 'entry has no event start date (not an event)',
      severity: 'warning',
    });
    return null;
  }
  let zone = options.defaultTimeZone;
  if (extension.timezone) {
    if (isValidTimeZone(extension.timezone)) zone = extension.timezone;
    else
      problems.push({
        entry: label,
        message: `_event.timezone: unknown time zone "${extension.timezone}"`,
        severity: 'warning',
      });
  }
  const startField = extension.start ? 'start' : 'startDate';
  const start = readTime(startText, extension.all_day === true, zone);
  if (start === null) {
    problems.push({ entry: label, message: `_event.${startField}: not a date: "${startText}"` });
    return null;
  }
  const endText = extension.end ?? extension.endDate;
  let end: EventTime | null = null;
  if (endText) {
    end = readTime(endText, extension.all_day === true, zone);
    if (end === null) {
      const endField = extension.end ? 'end' : 'endDate';
      problems.push({
        entry: label,
        message: `_event.${endField}: not a date: "${endText}"; end ignored`,
        severity: 'warning',
      });
    } else end = exclusiveEnd(end);
  }
  const status = readStatus(extension);
  const location = extension.location;
  return {
    uid: item.id === null || item.id === undefined ? null : String(item.id),
    recurrenceId: null,
    title: item.title ?? null,
    description: item.content_html ?? item.content_text ?? item.summary ?? null,
    descriptionFormat: item.content_html ? 'html' : 'text',
    start,
    end,
    status: status?.status ?? null,
    online: extension.online ?? status?.online ?? attendance(extension),
    joinUrl: extension.join_url ?? null,
    locationText: typeof location === 'string' ? location : null,
    place:
      location && typeof location === 'object'
        ? {
            name: location.name ?? null,
            address: location.address ?? null,
            city: location.city ?? null,
            country: location.country ?? null,
          }
        : null,
    organizer: extension.organizer ?? null,
    url: item.url ?? item.external_url ?? null,
    categories: item.tags ?? [],
  };
}

/** `all_day` makes a date-time count for its (wall) date, as written. */
function readTime(text: string, allDay: boolean, zone: string | null): EventTime | null {
  const time = parseEventTime(text, zone);
  if (time === null || !allDay || time.kind === 'date') return time;
  const date = datePart(text);
  return date === null ? null : { kind: 'date', date };
}

function readStatus(extension: JsonFeedEvent) {
  const value = extension.status ?? extension.eventStatus;
  return value ? readEventStatus(value) : null;
}

function attendance(extension: JsonFeedEvent): boolean | null {
  return extension.eventAttendanceMode ? readAttendanceMode(extension.eventAttendanceMode) : null;
}

function labelOf(item: JsonFeedItem, index: number): string {
  if (item.id !== null && item.id !== undefined && String(item.id) !== '') return String(item.id);
  return item.url ?? `#${index + 1}`;
}

/** An item that failed validation is still named by its id or url when it has usable ones. */
function labelOfUnparsed(value: unknown, index: number): string {
  if (typeof value === 'object' && value !== null) {
    const { id, url } = value as { id?: unknown; url?: unknown };
    if ((typeof id === 'string' && id !== '') || typeof id === 'number') return String(id);
    if (typeof url === 'string' && url !== '') return url;
  }
  return `#${index + 1}`;
}

/** "_event.online: expected boolean, received string; tags: …" */
function describeIssues(error: ValidationError): string {
  return error.issues
    .map((issue) => (issue.path.length === 0 ? issue.message : `${issue.path.join('.')}: ${issue.message}`))
    .join('; ');
}
