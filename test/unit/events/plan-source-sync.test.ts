import { describe, expect, it } from 'vitest';
import { planSourceSync, type SourceEventState } from '../../../shared/events/plan-source-sync.ts';
import { eventEntry } from '../../support/event-entries.ts';

const now = new Date('2030-03-10T12:00:00Z');

function state(sourceEventId: string, overrides: Partial<SourceEventState> = {}): SourceEventState {
  const entry = eventEntry(sourceEventId);
  return {
    sourceEventId,
    hash: entry.hash,
    canonicalId: `evt_${sourceEventId}`,
    start: entry.content.start,
    removed: false,
    ...overrides,
  };
}

describe('planSourceSync', () => {
  it('sorts entries into new, changed and unchanged', () => {
    const previous = new Map([
      ['same', state('same')],
      ['changed', state('changed', { hash: 'old-hash' })],
    ]);
    const plan = planSourceSync(previous, [eventEntry('same'), eventEntry('changed'), eventEntry('new')], {
      now,
      allowRemovals: true,
    });
    expect(plan.creates.map((entry) => entry.sourceEventId)).toEqual(['new']);
    expect(plan.updates.map((update) => update.incoming.sourceEventId)).toEqual(['changed']);
    expect(plan.unchanged).toBe(1);
    expect(plan.removals).toEqual([]);
  });

  it('re-lists an entry that had been removed even if its content is the same', () => {
    const previous = new Map([['back', state('back', { removed: true })]]);
    const plan = planSourceSync(previous, [eventEntry('back')], { now, allowRemovals: true });
    expect(plan.updates.map((update) => update.state.sourceEventId)).toEqual(['back']);
  });

  it('removes only future entries that vanished, and only when removals are allowed', () => {
    const previous = new Map([
      ['future', state('future', { start: '2030-03-10T12:00:01Z' })],
      ['started', state('started', { start: '2030-03-10T12:00:00Z' })],
      ['past', state('past', { start: '2030-03-01' })],
      ['future-all-day', state('future-all-day', { start: '2030-03-11' })],
      ['already-removed', state('already-removed', { start: '2030-04-01T00:00:00Z', removed: true })],
    ]);
    expect(
      planSourceSync(previous, [], { now, allowRemovals: true }).removals.map((s) => s.sourceEventId),
    ).toEqual(['future', 'future-all-day']);
    expect(planSourceSync(previous, [], { now, allowRemovals: false }).removals).toEqual([]);
  });
});
