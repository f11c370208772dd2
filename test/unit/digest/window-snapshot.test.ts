import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decodeWindowSnapshot,
  encodeWindowSnapshot,
  eventsFromSnapshot,
  snapshotPartBytes,
} from '../../../shared/digest/window-snapshot.ts';
import type { StoredEvent } from '../../../shared/events/stored-event.ts';

const event = (id: string, start: string, extra: Record<string, unknown> = {}) =>
  ({ id, start, title: id, ...extra }) as unknown as StoredEvent;

describe('the digest window snapshot', () => {
  it('splits a large window into parts that fit a table item and reads it back whole', () => {
    // Random descriptions do not compress: this window needs several parts.
    const events = Array.from({ length: 600 }, (_, index) =>
      event(`evt_${index}`, '2030-03-05T10:00:00Z', { description: randomBytes(1_000).toString('base64') }),
    );
    const snapshot = { from: '2030-03-04T07:00:00.000Z', to: '2030-03-19T07:00:00.000Z', events };
    const parts = encodeWindowSnapshot(snapshot);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.byteLength).toBeLessThanOrEqual(snapshotPartBytes);
    expect(decodeWindowSnapshot(parts)).toEqual(snapshot);
  });

  it('gives the events of a later window inside it, all-day ones from the start of their date', () => {
    const snapshot = {
      from: '2030-03-04T07:00:00.000Z',
      to: '2030-03-19T07:00:00.000Z',
      events: [
        event('started', '2030-03-04T07:10:00Z'),
        event('all-day', '2030-03-05'),
        event('later', '2030-03-18T20:00:00Z'),
      ],
    };
    const from = new Date('2030-03-04T07:30:00Z');
    const to = new Date('2030-03-18T07:30:00Z');
    expect(eventsFromSnapshot(snapshot, from, to)?.map((entry) => entry.id)).toEqual(['all-day']);
    // A window the snapshot does not cover is not answered from it.
    expect(eventsFromSnapshot(snapshot, from, new Date('2030-03-20T00:00:00Z'))).toBeNull();
    expect(eventsFromSnapshot(snapshot, new Date('2030-03-04T06:00:00Z'), to)).toBeNull();
  });
});
