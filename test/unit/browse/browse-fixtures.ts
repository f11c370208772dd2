import type { StoredEvent } from '../../../shared/events/stored-event.ts';
import { eventEntry } from '../../support/event-entries.ts';

/** A stored event with sensible defaults (Berlin, in person, cloud and women-in-tech). */
export function storedEvent(overrides: Partial<StoredEvent> = {}): StoredEvent {
  return {
    ...eventEntry('a').content,
    id: 'evt_00000000000000000001',
    primarySourceId: 'src_1',
    sources: [],
    removed: false,
    firstSeenAt: '2030-01-01T00:00:00Z',
    updatedAt: '2030-01-01T00:00:00Z',
    ...overrides,
  };
}
