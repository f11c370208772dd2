import type { StoredEvent } from '../../../shared/events/stored-event.ts';

/** A stored canonical event: Kubernetes meetup, Tue 3 Mar 2026 19:00–21:00 in Berlin (18:00Z–20:00Z). */
export function storedEvent(overrides: Partial<StoredEvent> = {}): StoredEvent {
  return {
    id: 'evt_0123456789abcdef0123',
    title: 'Kubernetes Berlin Meetup',
    description: 'Lightning talks on operators.',
    start: '2026-03-03T18:00:00Z',
    end: '2026-03-03T20:00:00Z',
    allDay: false,
    timeZone: 'Europe/Berlin',
    status: 'confirmed',
    online: false,
    joinUrl: null,
    location: 'c-base, Rungestraße 20, Berlin',
    place: { name: 'c-base', address: 'Rungestraße 20', city: 'Berlin', country: 'Germany' },
    organizer: 'CNCF Berlin',
    url: 'https://example.org/k8s',
    tags: ['kubernetes', 'cloud-native'],
    kind: 'industry-event',
    organization: 'CNCF Berlin',
    primarySourceId: 'src_aaaaaaaaaaaa',
    sources: [{ sourceId: 'src_aaaaaaaaaaaa', sourceEventId: 'k8s', url: 'https://example.org/k8s' }],
    removed: false,
    firstSeenAt: '2026-02-01T10:00:00.000Z',
    updatedAt: '2026-02-10T10:00:00.000Z',
    ...overrides,
  };
}
