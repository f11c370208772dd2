import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { planSourceSync } from '../../shared/events/plan-source-sync.ts';
import { canonicalIdFor, createEventStore } from '../../shared/store/event-store.ts';
import { eventKey } from '../../shared/store/keys/event-keys.ts';
import {
  createSavedEventStore,
  isSaved,
  type SavedEventStore,
} from '../../shared/store/saved-event-store.ts';
import { eventEntry } from '../support/event-entries.ts';
import { createLocalTable, type LocalTable } from '../support/local-table.ts';

/*
 * The saved-event store on DynamoDB Local: saving writes the saved record, the attendee record and the
 * event's flag in one transaction; removing is a mark on the item, so the invitation state survives.
 */

const now = new Date('2030-03-01T09:00:00Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const sourceId = 'src_eeeeeeeeeeee';
const eventId = canonicalIdFor(sourceId, 'first');
const otherId = canonicalIdFor(sourceId, 'second');
const missingId = 'evt_00000000000000000000';
const invite = (sequence: number, method: 'REQUEST' | 'CANCEL') => ({
  sequence,
  fingerprint: `f${sequence}`,
  method,
  sentAt: now.toISOString(),
  messageId: `<m${sequence}@trellis.test>`,
});

let table: LocalTable;
let store: SavedEventStore;

beforeEach(async () => {
  table = await createLocalTable();
  store = createSavedEventStore(table.documentClient, table.tableName);
  const events = createEventStore(table.documentClient, table.tableName);
  const entries = [
    eventEntry('first'),
    eventEntry('second', { title: 'Second', start: '2030-03-14T07:00:00Z' }),
  ];
  await events.applySourceSync(
    sourceId,
    planSourceSync(new Map(), entries, { now, allowRemovals: true }),
    now,
  );
});

async function itemsOfType(type: string) {
  const output = await table.documentClient.send(
    new ScanCommand({
      TableName: table.tableName,
      FilterExpression: '#type = :type',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':type': type },
      ConsistentRead: true,
    }),
  );
  return output.Items ?? [];
}

async function hasSavers(id: string) {
  const output = await table.documentClient.send(
    new GetCommand({ TableName: table.tableName, Key: eventKey(id), ConsistentRead: true }),
  );
  return output.Item?.hasSavers ?? null;
}

describe('saving an event', () => {
  it('writes the saved record, the attendee record and the event’s flag together', async () => {
    expect(await hasSavers(eventId)).toBeNull();
    const saving = await store.save('ana', eventId, now);
    expect(saving).toEqual({
      outcome: 'saved',
      saved: { userId: 'ana', eventId, savedAt: now.toISOString(), removedAt: null, invite: null },
    });
    expect(await store.listSavers(eventId)).toEqual(['ana']);
    expect(await hasSavers(eventId)).toBe(true);
    expect(await hasSavers(otherId)).toBeNull();
  });

  it('answers no-event for an id that is not an event, and writes nothing at all', async () => {
    expect(await store.save('ana', missingId, now)).toEqual({ outcome: 'no-event' });
    expect(await store.get('ana', missingId)).toBeNull();
    expect(await store.listSavers(missingId)).toEqual([]);
    expect(await itemsOfType('saved-event')).toEqual([]);
    expect(await itemsOfType('event-saver')).toEqual([]);
  });

  it('answers already-saved with the record as it is, and changes nothing', async () => {
    await store.save('ana', eventId, now);
    await store.recordInvite('ana', eventId, invite(0, 'REQUEST'), null);
    const again = await store.save('ana', eventId, at(5));
    expect(again).toMatchObject({
      outcome: 'already-saved',
      saved: { savedAt: now.toISOString(), removedAt: null, invite: { sequence: 0 } },
    });
    expect(await store.get('ana', eventId)).toMatchObject({ savedAt: now.toISOString() });
  });

  it('saved by one user twenty times at once: one saved record and one attendee record; one answer is saved', async () => {
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => store.save('ana', eventId, now)));
    expect(outcomes.filter((one) => one.outcome === 'saved')).toHaveLength(1);
    expect(outcomes.filter((one) => one.outcome === 'already-saved')).toHaveLength(19);
    expect(await itemsOfType('saved-event')).toHaveLength(1);
    expect(await itemsOfType('event-saver')).toHaveLength(1);
  });
});

describe('removing a saved event', () => {
  it('marks it removed and keeps its invitation; removing again answers with the same record', async () => {
    await store.save('ana', eventId, now);
    expect(await store.recordInvite('ana', eventId, invite(0, 'REQUEST'), null)).toBe(true);

    expect(await store.unsave('ana', eventId, at(1))).toMatchObject({
      outcome: 'removed',
      saved: { removedAt: at(1).toISOString(), invite: { sequence: 0 } },
    });
    expect(await store.unsave('ana', eventId, at(2))).toMatchObject({
      outcome: 'already-removed',
      saved: { removedAt: at(1).toISOString(), invite: { sequence: 0 } },
    });
    const removed = await store.get('ana', eventId);
    expect(removed).toMatchObject({ removedAt: at(1).toISOString(), invite: { sequence: 0 } });
    expect(removed && isSaved(removed)).toBe(false);
    // The attendee record stays: a cancellation that failed to go out is retried with the next change.
    expect(await store.listSavers(eventId)).toEqual(['ana']);
    // The cancellation is recorded on the removed item like any invitation.
    expect(await store.recordInvite('ana', eventId, invite(1, 'CANCEL'), 0)).toBe(true);
  });

  it('answers null for an event the user never saved, and writes nothing', async () => {
    await store.save('ben', eventId, now);
    expect(await store.unsave('ana', eventId, now)).toBeNull();
    expect(await store.unsave('ana', otherId, now)).toBeNull();
    expect(await store.get('ana', eventId)).toBeNull();
    expect(await store.get('ben', eventId)).toMatchObject({ removedAt: null });
  });

  it('saving it again clears the mark, answers saved, and the invitation sequence continues', async () => {
    await store.save('ana', eventId, now);
    await store.recordInvite('ana', eventId, invite(0, 'REQUEST'), null);
    await store.unsave('ana', eventId, at(1));
    await store.recordInvite('ana', eventId, invite(1, 'CANCEL'), 0);

    expect(await store.save('ana', eventId, at(2))).toMatchObject({
      outcome: 'saved',
      saved: { savedAt: at(2).toISOString(), removedAt: null, invite: { sequence: 1, method: 'CANCEL' } },
    });
    expect((await store.save('ana', eventId, at(3))).outcome).toBe('already-saved');
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
    expect(listed.map((item) => [item.eventId, item.removedAt]).sort()).toEqual(
      [
        [eventId, null],
        [otherId, at(1).toISOString()],
      ].sort(),
    );
    expect(listed.filter(isSaved).map((item) => item.eventId)).toEqual([eventId]);
  });
});
