import { describe, expect, it } from 'vitest';
import { limitPerSeries } from '../../../shared/events/collapse-series.ts';
import type { StoredEvent } from '../../../shared/events/stored-event.ts';
import { eventEntry } from '../../support/event-entries.ts';

const at = '2030-03-01T00:00:00Z';
const stored = (id: string, title: string, primarySourceId = 'src_1'): StoredEvent => ({
  ...eventEntry(id).content,
  id,
  title,
  primarySourceId,
  sources: [],
  removed: false,
  firstSeenAt: at,
  updatedAt: at,
});

describe('limitPerSeries', () => {
  it('keeps the first occurrences of each series, in order, and every other event', () => {
    const flood = Array.from({ length: 50 }, (_, index) => stored(`m${index}`, 'Every minute'));
    const kept = limitPerSeries(
      [stored('a', 'Talk'), ...flood, stored('b', 'Every minute', 'src_2'), stored('c', 'Other talk')],
      3,
    );
    expect(kept.map((event) => event.id)).toEqual(['a', 'm0', 'm1', 'm2', 'b', 'c']);
  });
});
