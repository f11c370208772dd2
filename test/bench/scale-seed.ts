/**
 * Seeding a schedule slot with many readers for the scale bench (scale-bench.ts), fast and exactly as
 * the app writes them. The app writes one reader at a time in a transaction (profile, address claim,
 * zone registration); 100,000 of those would take minutes on DynamoDB Local, so the bench writes the
 * same items with BatchWriteItem, several batches in flight. The first few readers go through the
 * app's own path (UserRepository.create, ReminderSlots.rebuild), and their stored items are compared
 * with what the bench writer makes of the same profile: any drift in the app's item layout (the gsi3
 * slot index above all) fails the bench instead of measuring something else.
 */
import { isDeepStrictEqual } from 'node:util';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll, type WriteRequest } from '../../shared/store/batch-requests.ts';
import { reminderSlotKey, reminderSlotPk, reminderZonesKey } from '../../shared/store/keys/contact-keys.ts';
import {
  digestSlotPk,
  digestZonesKey,
  userEmailKey,
  userProfileKey,
  usersByEmailPk,
} from '../../shared/store/keys/user-keys.ts';
import { createReminderSlots } from '../../shared/store/reminder-slots.ts';
import { createUserRepository } from '../../shared/store/user-repository.ts';
import { receivesDigests } from '../../shared/users/digest-eligibility.ts';
import { buildUserProfile, newUserId } from '../../shared/users/profile-input.ts';
import type { UserProfile, Weekday } from '../../shared/users/user-profile.ts';

export interface SlotSpec {
  readonly timeZone: string;
  readonly digestDay: Weekday;
  readonly digestHour: number;
  readonly reminderHour: number;
}

type Item = Record<string, unknown>;

/** The profile item as UserRepository.create stores it (user-repository.ts `toItem`). */
export function profileItem(profile: UserProfile): Item {
  return {
    ...userProfileKey(profile.id),
    type: 'user',
    ...profile,
    gsi2pk: usersByEmailPk(profile.id),
    gsi2sk: profile.email,
    ...(receivesDigests(profile)
      ? { gsi3pk: digestSlotPk(profile.timeZone, profile.digestDay, profile.digestHour), gsi3sk: profile.id }
      : {}),
  };
}

/** The address claim written in the same transaction. */
export const emailItem = (profile: UserProfile): Item => ({
  ...userEmailKey(profile.email),
  type: 'user-email',
  userId: profile.id,
});

/** A reminder slot as ReminderSlots.rebuild (and, field for field, a contact's join) stores it. */
export function reminderSlotItem(userId: string, timeZone: string, hour: number, contactCount: number): Item {
  return {
    ...reminderSlotKey(userId),
    type: 'reminder-slot',
    userId,
    gsi3pk: reminderSlotPk(timeZone, hour),
    gsi3sk: userId,
    timeZone,
    reminderHour: hour,
    contactCount,
  };
}

/**
 * Confirmed readers in the slot: the first built by the app's own profile builder (validated), the
 * rest the same profile with their own random id (the app's id maker), address and name: validating
 * 100,000 identical inputs would cost the bench half a minute and test nothing.
 */
export function slotReaders(count: number, slot: SlotSpec, now: Date): UserProfile[] {
  const template = buildUserProfile(
    {
      email: 'scale-0@bench.test',
      emailConfirmed: true,
      name: 'Reader 0',
      timeZone: slot.timeZone,
      digestDay: slot.digestDay,
      digestHour: slot.digestHour,
      reminderHour: slot.reminderHour,
      topics: ['cloud', 'leadership'],
      keywords: ['platform'],
    },
    now,
  );
  return Array.from({ length: count }, (_, index) =>
    index === 0
      ? template
      : { ...template, id: newUserId(), email: `scale-${index}@bench.test`, name: `Reader ${index}` },
  );
}

async function writeInParallel(
  client: DynamoDBDocumentClient,
  tableName: string,
  requests: readonly WriteRequest[],
  inFlight: number,
): Promise<void> {
  const chunk = 25;
  let next = 0;
  const worker = async () => {
    for (;;) {
      const offset = next;
      next += chunk;
      if (offset >= requests.length) return;
      await batchWriteAll(client, tableName, requests.slice(offset, offset + chunk));
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

async function storedItem(client: DynamoDBDocumentClient, tableName: string, key: Item): Promise<Item> {
  const output = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  return output.Item ?? {};
}

export class SeedDriftError extends Error {
  override readonly name = 'SeedDriftError';
}

/** Readers written through the app's path first, then compared with the bench writer's items. */
const viaApp = 5;

/**
 * `readers` readers in one digest slot (profile with the gsi3 slot entry, address claim, the zone
 * registered) and, with `reminders`, a reminder slot each (as a reader with contacts has). Returns the
 * readers' ids.
 */
export async function seedSlot(
  client: DynamoDBDocumentClient,
  tableName: string,
  options: {
    readers: number;
    slot: SlotSpec;
    now: Date;
    reminders: boolean;
    /** Write the address claims too (default true; dispatch never reads them). */
    emails?: boolean;
    inFlight?: number;
  },
): Promise<string[]> {
  const { slot, now } = options;
  const users = createUserRepository(client, tableName);
  const slots = createReminderSlots(client, tableName);
  const profiles = slotReaders(options.readers, slot, now);
  const contactCount = 3;
  for (const profile of profiles.slice(0, viaApp)) {
    await users.create(profile);
    if (options.reminders)
      await slots.rebuild(profile.id, { timeZone: slot.timeZone, hour: slot.reminderHour }, contactCount);
  }
  const first = profiles[0];
  if (first) {
    const checks: [Item, Item][] = [
      [await storedItem(client, tableName, userProfileKey(first.id)), profileItem(first)],
      [await storedItem(client, tableName, userEmailKey(first.email)), emailItem(first)],
    ];
    if (options.reminders)
      checks.push([
        await storedItem(client, tableName, reminderSlotKey(first.id)),
        reminderSlotItem(first.id, slot.timeZone, slot.reminderHour, contactCount),
      ]);
    for (const [stored, written] of checks) {
      if (!isDeepStrictEqual(stored, written))
        throw new SeedDriftError(
          `the bench's bulk writer no longer writes what the app writes:\n app:   ${JSON.stringify(stored)}\n bench: ${JSON.stringify(written)}`,
        );
    }
  }
  const requests: WriteRequest[] = [];
  for (const profile of profiles.slice(viaApp)) {
    requests.push({ PutRequest: { Item: profileItem(profile) } });
    if (options.emails ?? true) requests.push({ PutRequest: { Item: emailItem(profile) } });
    if (options.reminders)
      requests.push({
        PutRequest: { Item: reminderSlotItem(profile.id, slot.timeZone, slot.reminderHour, contactCount) },
      });
  }
  await writeInParallel(client, tableName, requests, options.inFlight ?? 6);
  // The zone registrations (already made by the readers written through the app; adding again is a no-op).
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: digestZonesKey,
      UpdateExpression: 'ADD zones :zone',
      ExpressionAttributeValues: { ':zone': new Set([slot.timeZone]) },
    }),
  );
  if (options.reminders)
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: reminderZonesKey,
        UpdateExpression: 'ADD zones :zone',
        ExpressionAttributeValues: { ':zone': new Set([slot.timeZone]) },
      }),
    );
  return profiles.map((profile) => profile.id);
}
