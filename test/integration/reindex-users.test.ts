import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeContact } from '../../shared/contacts/remove-contact.ts';
import { createContactDependencies } from '../../shared/store/contact-dependencies.ts';
import { createContactRepository } from '../../shared/store/contact-repository.ts';
import { contactKey, reminderSlotKey } from '../../shared/store/keys/contact-keys.ts';
import { membershipKey } from '../../shared/store/keys/membership-keys.ts';
import { userEmailKey, userProfileKey } from '../../shared/store/keys/user-keys.ts';
import { createMembershipRepository } from '../../shared/store/membership-repository.ts';
import { createReminderSlots } from '../../shared/store/reminder-slots.ts';
import { createUserRepository } from '../../shared/store/user-repository.ts';
import { buildUserProfile } from '../../shared/users/profile-input.ts';
import { reindexUsers } from '../../shared/users/reindex-users.ts';
import { createLocalTable, type LocalTable } from '../support/local-table.ts';

/*
 * A table written by the release before transactions: profiles indexed by digest slot on gsi1 and
 * listed under one `USERS` partition, reminder slots on gsi1 without a contact count. After the
 * reindex, dispatch finds everyone again and removing a contact keeps the slot of the others.
 */

let table: LocalTable;
beforeAll(async () => {
  table = await createLocalTable();
});
afterAll(() => table.documentClient.destroy());

const now = new Date('2026-12-02T10:00:00Z');
const put = (Item: Record<string, unknown>) =>
  table.documentClient.send(new PutCommand({ TableName: table.tableName, Item }));

describe('reindex after an upgrade', () => {
  it('re-indexes old profiles and rebuilds their reminder slots from a count of their contacts', async () => {
    const ana = buildUserProfile(
      { email: 'ana-old@example.org', emailConfirmed: true, timeZone: 'Europe/Berlin', digestHour: 7 },
      now,
    );
    // As the earlier release wrote them.
    await put({
      ...userProfileKey(ana.id),
      type: 'user',
      ...ana,
      gsi2pk: 'USERS',
      gsi2sk: ana.email,
      gsi1pk: 'DIGESTSLOT#Europe/Berlin#monday#7',
      gsi1sk: ana.id,
    });
    await put({ ...userEmailKey(ana.email), type: 'user-email', userId: ana.id });
    await put({
      ...reminderSlotKey(ana.id),
      type: 'reminder-slot',
      userId: ana.id,
      gsi1pk: 'REMINDSLOT#Europe/Berlin#9',
      gsi1sk: ana.id,
    });
    for (const [id, name] of [
      ['con_aaaaaaaaaaaaaaaa', 'Jonas'],
      ['con_bbbbbbbbbbbbbbbb', 'Mira'],
    ] as const) {
      await put({
        ...contactKey(ana.id, id),
        type: 'contact',
        id,
        userId: ana.id,
        name,
        relationship: 'mentor',
        email: null,
        organization: null,
        topics: [],
        cadence: { every: 6, unit: 'weeks' },
        addedOn: '2026-11-01',
        lastContactedOn: null,
        notes: '',
        paused: false,
        snoozedUntil: null,
        lastRemindedOn: null,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      });
    }
    const users = createUserRepository(table.documentClient, table.tableName);
    const slots = createReminderSlots(table.documentClient, table.tableName);
    // Before: invisible to today's dispatch and listing.
    expect(await users.listInDigestSlot('Europe/Berlin', 'monday', 7)).toEqual([]);
    expect(await slots.listInSlot('Europe/Berlin', 9)).toEqual([]);

    const report = await reindexUsers({
      users,
      contacts: createContactRepository(table.documentClient, table.tableName),
      slots,
    });

    expect(report).toEqual({ profiles: 1, slots: 1 });
    expect(await users.listInDigestSlot('Europe/Berlin', 'monday', 7)).toEqual([ana.id]);
    expect((await users.list()).map((user) => user.email)).toEqual([ana.email]);
    expect(await slots.listInSlot('Europe/Berlin', 9)).toEqual([ana.id]);
    expect((await slots.get(ana.id))?.contactCount).toBe(2);
    // Removing one contact keeps the slot of the other.
    await removeContact(
      createContactDependencies(table.documentClient, table.tableName),
      ana.id,
      'con_aaaaaaaaaaaaaaaa',
    );
    expect(await slots.listInSlot('Europe/Berlin', 9)).toEqual([ana.id]);
    // Running it again changes nothing.
    expect(
      await reindexUsers({
        users,
        contacts: createContactRepository(table.documentClient, table.tableName),
        slots,
      }),
    ).toEqual({
      profiles: 1,
      slots: 1,
    });
    expect((await slots.get(ana.id))?.contactCount).toBe(1);
  });

  it('counts memberships with a renewal date in the rebuilt slot, so a member without contacts keeps it', async () => {
    const kim = buildUserProfile(
      { email: 'kim-member@example.org', emailConfirmed: true, timeZone: 'Asia/Tokyo' },
      now,
    );
    const users = createUserRepository(table.documentClient, table.tableName);
    await users.create(kim);
    for (const [key, renewsOn] of [
      ['acm', '2027-01-15'],
      ['ieee', null],
    ] as const) {
      await put({
        ...membershipKey(kim.id, key),
        type: 'membership',
        userId: kim.id,
        organizationKey: key,
        organization: key.toUpperCase(),
        renewsOn,
        renewalRemindedFor: null,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      });
    }
    const slots = createReminderSlots(table.documentClient, table.tableName);
    await reindexUsers({
      users,
      contacts: createContactRepository(table.documentClient, table.tableName),
      slots,
      memberships: createMembershipRepository(table.documentClient, table.tableName),
    });
    expect(await slots.listInSlot('Asia/Tokyo', kim.reminderHour)).toEqual([kim.id]);
    expect((await slots.get(kim.id))?.contactCount).toBe(1);
  });
});
