import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { type CalendarStore, createCalendarStore } from '../../shared/store/calendar-store.ts';
import { createLocalTable, type LocalTable } from '../support/local-table.ts';

/* The calendar head and its token lookup on DynamoDB Local: they change together, one transaction each time. */

const now = new Date('2030-03-01T09:00:00Z');
let table: LocalTable;
let calendars: CalendarStore;

beforeEach(async () => {
  table = await createLocalTable();
  calendars = createCalendarStore(table.documentClient, table.tableName);
});

/** Every calendar item of the table, as (pk, sk), sorted. */
async function calendarItems() {
  const output = await table.documentClient.send(
    new ScanCommand({
      TableName: table.tableName,
      FilterExpression: 'begins_with(#type, :calendar)',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':calendar': 'calendar' },
      ConsistentRead: true,
    }),
  );
  return (output.Items ?? []).map((item) => `${item.pk} ${item.sk}`).sort();
}

const rendered = { etag: 'W/"1"', gzipBody: new Uint8Array([1, 2, 3]), bodyBytes: 3, eventIds: [] };

describe('the calendar store', () => {
  it('creates the head and its lookup together; created twice at once, both callers get the one that exists', async () => {
    const [first, second] = await Promise.all([
      calendars.create('ana', 'nonce-a', 'hash-a', now),
      calendars.create('ana', 'nonce-b', 'hash-b', now),
    ]);
    expect(first.tokenHash).toBe(second.tokenHash);
    expect(first.nonce).toBe(second.nonce);
    expect(await calendarItems()).toEqual([`CALTOKEN#${first.tokenHash} CALTOKEN`, 'USER#ana CALENDAR']);
    expect(await calendars.userIdForToken(first.tokenHash)).toBe('ana');
  });

  it('rotates only from the hash the head still names: the loser changes nothing', async () => {
    await calendars.create('ana', 'nonce-a', 'hash-a', now);
    expect(await calendars.rotate('ana', 'hash-a', 'nonce-b', 'hash-b', now)).toBe(true);
    expect(await calendars.rotate('ana', 'hash-a', 'nonce-c', 'hash-c', now)).toBe(false);
    expect(await calendars.get('ana')).toMatchObject({ nonce: 'nonce-b', tokenHash: 'hash-b' });
    expect(await calendarItems()).toEqual(['CALTOKEN#hash-b CALTOKEN', 'USER#ana CALENDAR']);
    expect(await calendars.userIdForToken('hash-a')).toBeNull();
    // A user without a calendar has nothing to rotate, and gets no lookup item.
    expect(await calendars.rotate('ben', 'hash-x', 'nonce-y', 'hash-y', now)).toBe(false);
    expect(await calendars.userIdForToken('hash-y')).toBeNull();
  });

  it('removes the head, the rendered feed and the lookup together', async () => {
    await calendars.create('ana', 'nonce-a', 'hash-a', now);
    await calendars.create('ben', 'nonce-b', 'hash-b', now);
    await calendars.saveRendered('ana', 'hash-a', rendered, now);
    await calendars.remove('ana');
    expect(await calendarItems()).toEqual(['CALTOKEN#hash-b CALTOKEN', 'USER#ben CALENDAR']);
    await calendars.remove('ana');
  });
});
