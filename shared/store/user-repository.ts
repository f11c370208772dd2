import { type DynamoDBDocumentClient, GetCommand, paginateScan } from '@aws-sdk/lib-dynamodb';
import { receivesDigests } from '../users/digest-eligibility.ts';
import { defaultReminderHour, type UserProfile } from '../users/user-profile.ts';
import { batchGetAll } from './batch-requests.ts';
import {
  digestSlotPk,
  digestZonesKey,
  userEmailKey,
  userIdOfUserPk,
  userProfileKey,
  usersByEmailPk,
  usersByEmailShardPks,
} from './keys/user-keys.ts';
import { queryAll } from './query-all.ts';
import { pageSlotIndex } from './slot-index-page.ts';
import { TransactionCancelledError, type TransactionPart, transactWrite } from './transact-write.ts';

/*
 * USER#<id> / PROFILE     the profile; gsi2: USERS#<shard> / email (listing); gsi3: DIGESTSLOT#<zone>#<day>#<hour>
 *                         while the user gets digests (KEYS_ONLY: dispatch reads ids only)
 * EMAIL#<email> / EMAIL   userId: one account per address
 * DIGESTZONES             the zones that have digest subscribers
 *
 * A profile and its address item always change in one transaction: creating a user claims the address
 * (attribute_not_exists), changing the address releases the old item (only if it is still this user's)
 * and claims the new one, and every save is guarded by the `updatedAt` the caller read (optimistic).
 * Callers add the parts of other entities that must change with the profile (`alsoWrite`).
 */

export class UserExistsError extends Error {
  override readonly name = 'UserExistsError';
}

/** The address belongs to another account. */
export class EmailTakenError extends Error {
  override readonly name = 'EmailTakenError';
}

export class UserNotFoundError extends Error {
  override readonly name = 'UserNotFoundError';
}

/** Someone else saved the profile in between; reload and try again. */
export class UserChangedError extends Error {
  override readonly name = 'UserChangedError';
}

export interface UserRepository {
  /** Creates the profile and claims its address, with `alsoWrite` in the same transaction. */
  create(profile: UserProfile, alsoWrite?: readonly TransactionPart[]): Promise<void>;
  get(userId: string): Promise<UserProfile | null>;
  getByEmail(email: string): Promise<UserProfile | null>;
  /** Profiles of many users at once (missing ones are left out). */
  getMany(userIds: readonly string[]): Promise<UserProfile[]>;
  /** Every user, by email. */
  list(): Promise<UserProfile[]>;
  /**
   * Saves a changed profile if it is still `previous` (else UserChangedError); a new address must be free
   * (else EmailTakenError). Other failed parts of `alsoWrite` surface as TransactionCancelledError.
   */
  save(profile: UserProfile, previous: UserProfile, alsoWrite?: readonly TransactionPart[]): Promise<void>;
  /** Deletes the profile and frees its address, with `alsoWrite`; UserChangedError if it changed. */
  remove(profile: UserProfile, alsoWrite?: readonly TransactionPart[]): Promise<void>;
  /** User ids whose digest slot is (zone, weekday, hour). */
  listInDigestSlot(timeZone: string, weekday: string, hour: number): Promise<string[]>;
  /** At most `limit` user ids of a digest slot after `after` (ids sort as the index does); `next` to go on, or null. */
  pageDigestSlot(
    timeZone: string,
    weekday: string,
    hour: number,
    after: string | null,
    limit: number,
  ): Promise<{ userIds: string[]; next: string | null }>;
  /** The zones that have at least one digest subscriber (may hold zones nobody uses any more). */
  listDigestZones(): Promise<string[]>;
  /**
   * Every stored profile, a page at a time, found by scanning the table: only for the operator's
   * one-off reindex after an upgrade (`trellis reindex`), never on a request's path.
   */
  scanProfiles(): AsyncGenerator<UserProfile[]>;
}

type Item = Record<string, unknown>;

function toItem(profile: UserProfile): Item {
  return {
    ...userProfileKey(profile.id),
    type: 'user',
    ...profile,
    gsi2pk: usersByEmailPk(profile.id),
    gsi2sk: profile.email,
    // Sparse index: only users who get digests are found by the dispatcher.
    ...(receivesDigests(profile)
      ? { gsi3pk: digestSlotPk(profile.timeZone, profile.digestDay, profile.digestHour), gsi3sk: profile.id }
      : {}),
  };
}

const indexAttributes = ['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk'];

function fromItem(item: Item): UserProfile {
  const { pk: _pk, sk: _sk, type: _type, ...rest } = item;
  for (const name of indexAttributes) delete rest[name];
  // Profiles stored before reminders existed have no reminder hour: the default.
  return { reminderHour: defaultReminderHour, ...rest } as unknown as UserProfile;
}

const normalEmail = (email: string) => email.trim().toLowerCase();

export function createUserRepository(client: DynamoDBDocumentClient, tableName: string): UserRepository {
  const emailClaim = (profile: UserProfile): TransactionPart => ({
    label: 'email',
    Put: {
      TableName: tableName,
      Item: { ...userEmailKey(profile.email), type: 'user-email', userId: profile.id },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });
  /** Frees an address item only while it still names this user. */
  const emailRelease = (email: string, userId: string): TransactionPart => ({
    label: 'old-email',
    Delete: {
      TableName: tableName,
      Key: userEmailKey(email),
      ConditionExpression: 'attribute_not_exists(pk) OR userId = :user',
      ExpressionAttributeValues: { ':user': userId },
    },
  });
  const digestZone = (timeZone: string): TransactionPart => ({
    label: 'digest-zones',
    Update: {
      TableName: tableName,
      Key: digestZonesKey,
      UpdateExpression: 'ADD zones :zone',
      ExpressionAttributeValues: { ':zone': new Set([timeZone]) },
    },
  });
  /** A zone joins the dispatcher's list when a subscriber appears there (adding it again costs nothing). */
  const zoneRegistration = (profile: UserProfile, previous: UserProfile | null) =>
    receivesDigests(profile) &&
    (!previous || !receivesDigests(previous) || previous.timeZone !== profile.timeZone)
      ? [digestZone(profile.timeZone)]
      : [];

  async function get(userId: string): Promise<UserProfile | null> {
    const output = await client.send(
      new GetCommand({ TableName: tableName, Key: userProfileKey(userId), ConsistentRead: true }),
    );
    return output.Item ? fromItem(output.Item) : null;
  }

  return {
    async create(profile, alsoWrite = []) {
      try {
        await transactWrite(client, [
          {
            label: 'profile',
            Put: {
              TableName: tableName,
              Item: toItem(profile),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          emailClaim(profile),
          ...zoneRegistration(profile, null),
          ...alsoWrite,
        ]);
      } catch (error) {
        if (!(error instanceof TransactionCancelledError)) throw error;
        if (error.failedOn('email')) throw new UserExistsError(`a user with ${profile.email} already exists`);
        if (error.failedOn('profile')) throw new UserExistsError(`user ${profile.id} already exists`);
        throw error;
      }
    },

    get,

    async getByEmail(email) {
      const output = await client.send(
        new GetCommand({ TableName: tableName, Key: userEmailKey(normalEmail(email)), ConsistentRead: true }),
      );
      const userId = output.Item?.userId;
      return typeof userId === 'string' ? get(userId) : null;
    },

    async getMany(userIds) {
      const items = await batchGetAll(client, tableName, [...new Set(userIds)].map(userProfileKey));
      return items.map(fromItem);
    },

    async list() {
      const shards = await Promise.all(
        usersByEmailShardPks.map((pk) =>
          queryAll(client, {
            TableName: tableName,
            IndexName: 'gsi2',
            KeyConditionExpression: 'gsi2pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
          }),
        ),
      );
      return shards
        .flat()
        .map(fromItem)
        .sort((a, b) => a.email.localeCompare(b.email));
    },

    async save(profile, previous, alsoWrite = []) {
      const emailChanged = profile.email !== previous.email;
      try {
        await transactWrite(client, [
          {
            label: 'profile',
            Put: {
              TableName: tableName,
              Item: toItem(profile),
              ConditionExpression: 'updatedAt = :previous',
              ExpressionAttributeValues: { ':previous': previous.updatedAt },
            },
          },
          ...(emailChanged ? [emailRelease(previous.email, profile.id), emailClaim(profile)] : []),
          ...zoneRegistration(profile, previous),
          ...alsoWrite,
        ]);
      } catch (error) {
        if (!(error instanceof TransactionCancelledError)) throw error;
        if (error.failedOn('profile')) throw new UserChangedError(`user ${profile.id} changed meanwhile`);
        if (error.failedOn('email')) throw new EmailTakenError(`${profile.email} belongs to another account`);
        throw error;
      }
    },

    async remove(profile, alsoWrite = []) {
      try {
        await transactWrite(client, [
          {
            label: 'profile',
            Delete: {
              TableName: tableName,
              Key: userProfileKey(profile.id),
              ConditionExpression: 'updatedAt = :previous',
              ExpressionAttributeValues: { ':previous': profile.updatedAt },
            },
          },
          emailRelease(profile.email, profile.id),
          ...alsoWrite,
        ]);
      } catch (error) {
        if (!(error instanceof TransactionCancelledError)) throw error;
        if (error.failedOn('profile')) throw new UserChangedError(`user ${profile.id} changed meanwhile`);
        throw error;
      }
    },

    pageDigestSlot(timeZone, weekday, hour, after, limit) {
      return pageSlotIndex(client, tableName, digestSlotPk(timeZone, weekday, hour), after, limit);
    },

    async listInDigestSlot(timeZone, weekday, hour) {
      const items = await queryAll(client, {
        TableName: tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk',
        ExpressionAttributeValues: { ':pk': digestSlotPk(timeZone, weekday, hour) },
      });
      return items.flatMap((item) => userIdOfUserPk(String(item.pk)) ?? []);
    },

    async *scanProfiles() {
      for await (const page of paginateScan(
        { client },
        {
          TableName: tableName,
          FilterExpression: 'sk = :profile AND begins_with(pk, :user)',
          ExpressionAttributeValues: { ':profile': 'PROFILE', ':user': 'USER#' },
        },
      ))
        yield (page.Items ?? []).map(fromItem);
    },

    async listDigestZones() {
      const output = await client.send(new GetCommand({ TableName: tableName, Key: digestZonesKey }));
      const zones = output.Item?.zones as Set<string> | undefined;
      return zones ? [...zones].sort() : [];
    },
  };
}
