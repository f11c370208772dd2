import {
  contentHash,
  type EventContent,
  type SourceEventContent,
} from '../../shared/events/event-content.ts';

/** A stored-form event entry with sensible defaults, for store and ingest tests. */
export function eventEntry(sourceEventId: string, overrides: Partial<EventContent> = {}): SourceEventContent {
  const content: EventContent = {
    title: 'Women in Cloud Breakfast',
    description: 'Breakfast and a fireside chat.',
    start: '2030-03-12T07:00:00Z',
    end: '2030-03-12T08:30:00Z',
    allDay: false,
    timeZone: 'Europe/Berlin',
    status: 'confirmed',
    online: false,
    joinUrl: null,
    location: 'Factory Berlin, Berlin, Germany',
    place: { name: 'Factory Berlin', address: null, city: 'Berlin', country: 'Germany' },
    organizer: null,
    url: `https://example.org/${sourceEventId}`,
    tags: ['cloud', 'women-in-tech'],
    kind: 'industry-event',
    organization: null,
    ...overrides,
  };
  return { sourceEventId, content, hash: contentHash(content) };
}
