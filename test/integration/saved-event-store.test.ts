import { beforeEach, describe, expect, it } from 'vitest';
import {
  createSavedEventStore,
  isSaved,
  type SavedEventStore,
} from '../../shared/store/saved-event-store.ts';
import { createLocalTable } from '../support/local-table.ts';

/* The saved-event store on DynamoDB Local: removing is a mark on the item, so the invitation state survives. */

const now = new Date('2030-03-01T09:00:00Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const eventId = 'evt_aaaaaaaaaaaaaaaaaaaa';
const otherId = 'evt_bbbbbbbbbbbbbbbbbbbb';
const invite = (sequence: number, method: 'REQUEST' | 'CANCEL') => ({
  sequence,
  fingerprint: `f${sequence}`,
  method,
  sentAt: now.toISOString(),
  messageId: `<m${sequence}@trellis.test>`,
});

let store: SavedEventStore;

beforeEach(async () => {
  const table = await createLocalTable();
  store = createSavedEventStore(table.documentClient, table.tableName);
});

describe('removing a saved event', () => {
  it('marks it removed and keeps its invitation; removing again answers the same', async () => {
    await store.save('ana', eventId, now);
    expect(await store.recordInvite('ana', eventId, invite(0, 'REQUEST'), null)).toBe(true);

    expect(await store.unsave('ana', eventId, at(1))).toBe('removed');
    expect(await store.unsave('ana', eventId, at(2))).toBe('removed');
    const removed = await store.get('ana', eventId);
    expect(removed).toMatchObject({ removedAt: at(1).toISOString(), invite: { sequence: 0 } });
    expect(removed && isSaved(removed)).toBe(false);
    // The cancellation is recorded on the removed item like any invitation.
    expect(await store.recordInvite('ana', eventId, invite(1, 'CANCEL'), 0)).toBe(true);
  });

  it('answers not-saved for an event the user never saved, and writes nothing', async () => {
    await store.save('ben', eventId, now);
    expect(await store.unsave('ana', eventId, now)).toBe('not-saved');
    expect(await store.unsave('ana', otherId, now)).toBe('not-saved');
    expect(await store.get('ana', eventId)).toBeNull();
    expect(await store.get('ben', eventId)).toMatchObject({ removedAt: null });
  });

  it('saving it again clears the mark, answers saved, and the invitation sequence continues', async () => {
    await store.save('ana', eventId, now);
    await store.recordInvite('ana', eventId, invite(0, 'REQUEST'), null);
    await store.unsave('ana', eventId, at(1));
    await store.recordInvite('ana', eventId, invite(1, 'CANCEL'), 0);

    expect(await store.save('ana', eventId, at(2))).toBe('saved');
    expect(await store.save('ana', eventId, at(3))).toBe('already-saved');
    expect(await store.get('ana', eventId)).toMatchObject({
      savedAt: at(2).toISOString(),
      removedAt: null,
      invite: { sequence: 1, method: 'CANCEL' },
    });
    expect(await store.listSavers(eventId)).toEqual(['ana']);
  });

  it('lists removed ones with their mark, so callers can leave them out', async () => {
    await store.save('ana', eventId, now);
    await store.save('ana', otherId, now);
    await store.unsave('ana', otherId, at(1));
    const listed = await store.listForUser('ana');
    expect(listed.map((item) => [item.eventId, item.removedAt])).toEqual([
      [eventId, null],
      [otherId, at(1).toISOString()],
    ]);
    expect(listed.filter(isSaved).map((item) => item.eventId)).toEqual([eventId]);
  });
});
