import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { receivesDigests } from '../users/digest-eligibility.ts';
import type { UserProfile } from '../users/user-profile.ts';
import { batchGetAll } from './batch-requests.ts';
import { createCalendarStore } from './calendar-store.ts';
import {
  digestSlotPk,
  digestZonesKey,
  userEmailKey,
  userProfileKey,
  usersByEmailPk,
} from './keys/user-keys.ts';
import { createReminderSlots } from './reminder-slots.ts';

export class UserExistsError extends Error {
  override readonly name = 'UserExistsError';
}

export class UserNotFoundError extends Error {
  override readonly name = 'UserNotFoundError';
}

/** Someone else saved the profile in between; reload and try again. */
export class UserChangedError extends Error {
  override readonly name = 'UserChangedError';
}

export interface UserRepository {
  create(profile: UserProfile): Promise<void>;
  get(userId: string): Promise<UserProfile | null>;
  getByEmail(email: string): Promise<UserProfile | null>;
  /** Profiles of many users at once (missing ones are left out). */
  getMany(userIds: readonly string[]): Promise<UserProfile[]>;
  list(): Promise<UserProfile[]>;
  /** Save a changed profile; fails with UserChangedError if it changed since `previous` was read. */
  save(profile: UserProfile, previous: UserProfile): Promise<void>;
  remove(userId: string): Promise<void>;
  /** User ids whose digest slot is (zone, weekday, hour). */
  listInDigestSlot(timeZone: string, weekday: string, hour: number): Promise<string[]>;
  /** The zones that have at least one digest subscriber (may hold zones nobody uses any more). */
  listDigestZones(): Promise<string[]>;
}

type Item = Record<string, unknown>;

function toItem(profile: UserProfile): Item {
  return {
    ...userProfileKey(profile.id),
    type: 'user',
    ...profile,
    gsi2pk: usersByEmailPk,
    gsi2sk: profile.email,
    // Sparse index: only users who get digests are found by the dispatcher.
    ...(receivesDigests(profile)
      ? { gsi1pk: digestSlotPk(profile.timeZone, profile.digestDay, profile.digestHour), gsi1sk: profile.id }
      : {}),
  };
}

function fromItem(item: Item): UserProfile {
  const {
    pk: _pk,
    sk: _sk,
    type: _type,
    gsi1pk: _g1,
    gsi1sk: _g1s,
    gsi2pk: _g2,
    gsi2sk: _g2s,
    ...profile
  } = item;
  // Profiles stored before reminders existed have no reminder hour: the default.
  return { reminderHour: 9, ...profile } as unknown as UserProfile;
}

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

export function createUserRepository(client: DynamoDBDocumentClient, tableName: string): UserRepository {
  async function queryAll(
    input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
  ): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({ ...input, TableName: tableName, ExclusiveStartKey: startKey }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  async function registerZone(timeZone: string) {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: digestZonesKey,
        UpdateExpression: 'ADD zones :zone',
        ExpressionAttributeValues: { ':zone': new Set([timeZone]) },
      }),
    );
  }

  const calendarsOf = createCalendarStore(client, tableName);
  const reminderSlots = createReminderSlots(client, tableName);

  async function get(userId: string): Promise<UserProfile | null> {
    const output = await client.send(
      new GetCommand({ TableName: tableName, Key: userProfileKey(userId), ConsistentRead: true }),
    );
    return output.Item ? fromItem(output.Item) : null;
  }

  return {
    async create(profile) {
      // No transactions on dynalite: claim the address first, then write the profile, undo on failure.
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...userEmailKey(profile.email), type: 'user-email', userId: profile.id },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (isConditionFailure(error))
          throw new UserExistsError(`a user with ${profile.email} already exists`);
        throw error;
      }
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: toItem(profile),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        await client.send(new DeleteCommand({ TableName: tableName, Key: userEmailKey(profile.email) }));
        if (isConditionFailure(error)) throw new UserExistsError(`user ${profile.id} already exists`);
        throw error;
      }
      if (receivesDigests(profile)) await registerZone(profile.timeZone);
    },

    get,

    async getByEmail(email) {
      const output = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: userEmailKey(email.trim().toLowerCase()),
          ConsistentRead: true,
        }),
      );
      const userId = output.Item?.userId;
      return typeof userId === 'string' ? get(userId) : null;
    },

    async getMany(userIds) {
      const items = await batchGetAll(client, tableName, [...new Set(userIds)].map(userProfileKey));
      return items.map(fromItem);
    },

    async list() {
      const items = await queryAll({
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': usersByEmailPk },
      });
      return items.map(fromItem);
    },

    async save(profile, previous) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: toItem(profile),
            ConditionExpression: 'updatedAt = :previous',
            ExpressionAttributeValues: { ':previous': previous.updatedAt },
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) throw new UserChangedError(`user ${profile.id} changed meanwhile`);
        throw error;
      }
      if (profile.email !== previous.email) {
        await client.send(new DeleteCommand({ TableName: tableName, Key: userEmailKey(previous.email) }));
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...userEmailKey(profile.email), type: 'user-email', userId: profile.id },
          }),
        );
      }
      // The calendar feed follows the profile (interests, places, name): render it afresh next time.
      await calendarsOf.invalidate(profile.id);
      // Reminders follow the user's zone and hour.
      if (profile.timeZone !== previous.timeZone || profile.reminderHour !== previous.reminderHour)
        await reminderSlots.move(profile.id, profile.timeZone, profile.reminderHour);
      if (receivesDigests(profile) && profile.timeZone !== previous.timeZone)
        await registerZone(profile.timeZone);
      if (receivesDigests(profile) && !receivesDigests(previous)) await registerZone(profile.timeZone);
    },

    async remove(userId) {
      const profile = await get(userId);
      if (!profile) throw new UserNotFoundError(`no user ${userId}`);
      // The ledger items stay until their TTL: they are the record of what was sent.
      await client.send(new DeleteCommand({ TableName: tableName, Key: userProfileKey(userId) }));
      await client.send(new DeleteCommand({ TableName: tableName, Key: userEmailKey(profile.email) }));
      // The feed URL dies with the user.
      await calendarsOf.remove(userId);
      await reminderSlots.leave(userId);
    },

    async listInDigestSlot(timeZone, weekday, hour) {
      const items = await queryAll({
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': digestSlotPk(timeZone, weekday, hour) },
        ProjectionExpression: 'id',
      });
      return items.map((item) => String(item.id));
    },

    async listDigestZones() {
      const output = await client.send(new GetCommand({ TableName: tableName, Key: digestZonesKey }));
      const zones = output.Item?.zones as Set<string> | undefined;
      return zones ? [...zones].sort() : [];
    },
  };
}
