import { createHash } from 'node:crypto';
import type {
  CallForSpeakers,
  EventPerson,
  EventPlace,
  EventStatus,
  NormalizedEvent,
} from '../feeds/feed-event.ts';
import type { Source, SourceKind } from '../sources/source.ts';

/** What a source says about one event occurrence, in the form Trellis stores and compares. */
export interface EventContent {
  readonly title: string;
  readonly description: string;
  readonly start: string;
  readonly end: string | null;
  readonly allDay: boolean;
  readonly timeZone: string | null;
  readonly status: EventStatus;
  readonly online: boolean;
  readonly joinUrl: string | null;
  readonly location: string | null;
  readonly place: EventPlace | null;
  readonly organizer: string | null;
  readonly url: string | null;
  readonly tags: readonly string[];
  readonly kind: SourceKind;
  readonly organization: string | null;
  /** Absent, not null, when there is none: the content hash of every other event stays as it was. */
  readonly callForSpeakers?: CallForSpeakers;
  /** Absent when there is none, like the call. */
  readonly registrationDeadline?: CallForSpeakers;
  /** Absent when the event names nobody, for the same reason. */
  readonly people?: readonly EventPerson[];
}

export interface SourceEventContent {
  /** The feed's stable id for the entry (NormalizedEvent.id). */
  readonly sourceEventId: string;
  readonly content: EventContent;
  readonly hash: string;
}

/** Descriptions are capped: a digest needs a paragraph, and a DynamoDB item has to stay small. */
export const maxStoredDescriptionLength = 4000;

export function eventContentFor(event: NormalizedEvent, source: Source): EventContent {
  return {
    title: event.title,
    description:
      event.description.length > maxStoredDescriptionLength
        ? `${event.description.slice(0, maxStoredDescriptionLength - 1)}…`
        : event.description,
    start: event.start,
    end: event.end,
    allDay: event.allDay,
    timeZone: event.timeZone,
    status: event.status,
    online: event.online,
    joinUrl: event.joinUrl,
    location: event.location,
    place: event.place,
    organizer: event.organizer ?? source.organization,
    url: event.url,
    tags: event.tags,
    kind: source.kind,
    organization: source.organization,
    ...(event.callForSpeakers ? { callForSpeakers: event.callForSpeakers } : {}),
    ...(event.registrationDeadline ? { registrationDeadline: event.registrationDeadline } : {}),
    ...(event.people.length > 0 ? { people: event.people } : {}),
  };
}

/** A digest of everything stored, so an unchanged event is recognised without writing it. */
export function contentHash(content: EventContent): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('base64url').slice(0, 22);
}

export function sourceEventContentFor(event: NormalizedEvent, source: Source): SourceEventContent {
  const content = eventContentFor(event, source);
  return { sourceEventId: event.id, content, hash: contentHash(content) };
}
