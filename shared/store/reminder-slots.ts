import { DeleteCommand, type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { defaultReminderHour } from '../users/user-profile.ts';
import { isConditionFailure } from './condition-failure.ts';
import { reminderSlotKey, reminderSlotPk, reminderZonesKey } from './keys/contact-keys.ts';
import { userIdOfUserPk, userProfileKey } from './keys/user-keys.ts';
import { queryAll } from './query-all.ts';
import { pageSlotIndex } from './slot-index-page.ts';
import { type TransactionPart, transactWrite } from './transact-write.ts';

/*
 * USER#<id> / REMINDSLOT   one item per user who has contacts: contactCount, the zone and hour, and in
 *                          gsi3 (KEYS_ONLY) REMINDSLOT#<zone>#<hour> / <user id>, so the hourly dispatch
 *                          reads only the users whose hour it is
 * REMINDZONES              the zones those users are in (a set that only grows)
 *
 * A slot item's life, each step written in the transaction of the change that causes it:
 *
 *   contact added ──▶ join: upsert, contactCount + 1, zone registered; only while the profile still has
 *                     that zone and hour (ConditionCheck), so a concurrent zone change cannot strand it
 *   contact removed ─▶ depart: contactCount - 1 (the slot must exist)
 *   zone/hour changed ▶ move: new gsi3pk (the slot must exist; with none, nothing moves)
 *   count at 0 ─────▶ dropIfEmpty, right after the removal: delete if contactCount <= 0 (idempotent)
 *
 * A slot left at 0 by a crash before the drop only costs the dispatcher one message whose sender finds
 * no contact due: the sender decides from the contacts, never from the slot.
 */

export interface ReminderSchedule {
  readonly timeZone: string;
  /** Local hour 0–23. */
  readonly hour: number;
}

export interface ReminderSlot extends ReminderSchedule {
  readonly userId: string;
  readonly contactCount: number;
}

export const reminderSlotLabel = 'reminder-slot';
export const reminderScheduleLabel = 'reminder-schedule';

/** Profiles stored before reminders existed have no reminder hour and mean this one (as the user store reads them). */

/** The attribute names the profile and the slot item share for a schedule. */
const scheduleNames = { '#zone': 'timeZone', '#hour': 'reminderHour' };

/** The profile still has this zone and reminder hour. */
export function reminderScheduleCheckPart(
  tableName: string,
  userId: string,
  schedule: ReminderSchedule,
): TransactionPart {
  const hourHolds =
    schedule.hour === defaultReminderHour
      ? '(#hour = :hour OR attribute_not_exists(#hour))'
      : '#hour = :hour';
  return {
    label: reminderScheduleLabel,
    ConditionCheck: {
      TableName: tableName,
      Key: userProfileKey(userId),
      ConditionExpression: `#zone = :zone AND ${hourHolds}`,
      ExpressionAttributeNames: scheduleNames,
      ExpressionAttributeValues: { ':zone': schedule.timeZone, ':hour': schedule.hour },
    },
  };
}

/** The dispatcher learns of the zone (adding a zone twice changes nothing). */
export function reminderZoneRegistrationPart(tableName: string, timeZone: string): TransactionPart {
  return {
    label: 'reminder-zones',
    Update: {
      TableName: tableName,
      Key: reminderZonesKey,
      UpdateExpression: 'ADD zones :zone',
      ExpressionAttributeValues: { ':zone': new Set([timeZone]) },
    },
  };
}

const placeInSlot = 'gsi3pk = :slot, gsi3sk = :user, #zone = :zone, #hour = :hour';
const slotValues = (userId: string, schedule: ReminderSchedule) => ({
  ':slot': reminderSlotPk(schedule.timeZone, schedule.hour),
  ':user': userId,
  ':zone': schedule.timeZone,
  ':hour': schedule.hour,
});

/** One more contact: the slot (created on the first) counts it, guarded by the profile's schedule. */
export function reminderSlotJoinParts(
  tableName: string,
  userId: string,
  schedule: ReminderSchedule,
): TransactionPart[] {
  return [
    reminderScheduleCheckPart(tableName, userId, schedule),
    {
      label: reminderSlotLabel,
      Update: {
        TableName: tableName,
        Key: reminderSlotKey(userId),
        UpdateExpression: `SET #type = :type, userId = :user, ${placeInSlot} ADD contactCount :one`,
        ExpressionAttributeNames: { ...scheduleNames, '#type': 'type' },
        ExpressionAttributeValues: { ...slotValues(userId, schedule), ':type': 'reminder-slot', ':one': 1 },
      },
    },
    reminderZoneRegistrationPart(tableName, schedule.timeZone),
  ];
}

/** One contact fewer; fails (label 'reminder-slot') when the user has no slot. */
export function reminderSlotDepartPart(tableName: string, userId: string): TransactionPart {
  return {
    label: reminderSlotLabel,
    Update: {
      TableName: tableName,
      Key: reminderSlotKey(userId),
      UpdateExpression: 'ADD contactCount :minusOne',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':minusOne': -1 },
    },
  };
}

/** The user is gone: no slot, whatever it counts (a part of the account's removal). */
export function reminderSlotRemovalPart(tableName: string, userId: string): TransactionPart {
  return { label: reminderSlotLabel, Delete: { TableName: tableName, Key: reminderSlotKey(userId) } };
}

/** The user has no slot; fails (label 'reminder-slot') when one appeared. */
export function reminderSlotAbsentPart(tableName: string, userId: string): TransactionPart {
  return {
    label: reminderSlotLabel,
    ConditionCheck: {
      TableName: tableName,
      Key: reminderSlotKey(userId),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * For the profile's transaction when the user's zone or reminder hour changes: the slot moves to the new
 * (zone, hour) and the zone is registered. The update fails (label 'reminder-slot') when the user has no
 * slot; then save the profile with `reminderSlotAbsentPart` instead, so that a contact added in between
 * (whose ConditionCheck saw the old zone) cancels that save rather than leaving its slot in the old zone.
 */
export function reminderSlotMoveParts(
  tableName: string,
  userId: string,
  timeZone: string,
  hour: number,
): TransactionPart[] {
  const schedule = { timeZone, hour };
  return [
    {
      label: reminderSlotLabel,
      Update: {
        TableName: tableName,
        Key: reminderSlotKey(userId),
        UpdateExpression: `SET ${placeInSlot}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: scheduleNames,
        ExpressionAttributeValues: slotValues(userId, schedule),
      },
    },
    reminderZoneRegistrationPart(tableName, timeZone),
  ];
}

export interface ReminderSlots {
  /** The user's slot, if they have one. */
  get(userId: string): Promise<ReminderSlot | null>;
  /**
   * Writes the slot afresh from a count of the user's contacts (none: no slot), in the zone and hour
   * given: the reindex after an upgrade, for slots written before they counted their contacts.
   */
  rebuild(userId: string, schedule: ReminderSchedule, contactCount: number): Promise<void>;
  /** Deletes the slot if it counts no contact; true when it did. Idempotent. */
  dropIfEmpty(userId: string): Promise<boolean>;
  listInSlot(timeZone: string, hour: number): Promise<string[]>;
  /** At most `limit` user ids of a slot after `after`; `next` to go on, or null when through. */
  pageInSlot(
    timeZone: string,
    hour: number,
    after: string | null,
    limit: number,
  ): Promise<{ userIds: string[]; next: string | null }>;
  listZones(): Promise<string[]>;
}

export function createReminderSlots(client: DynamoDBDocumentClient, tableName: string): ReminderSlots {
  return {
    async get(userId) {
      const output = await client.send(
        new GetCommand({ TableName: tableName, Key: reminderSlotKey(userId), ConsistentRead: true }),
      );
      const item = output.Item;
      if (!item) return null;
      return {
        userId,
        timeZone: String(item.timeZone),
        hour: Number(item.reminderHour),
        contactCount: Number(item.contactCount ?? 0),
      };
    },

    async rebuild(userId, schedule, contactCount) {
      if (contactCount <= 0) {
        await client.send(new DeleteCommand({ TableName: tableName, Key: reminderSlotKey(userId) }));
        return;
      }
      await transactWrite(client, [
        {
          label: reminderSlotLabel,
          Put: {
            TableName: tableName,
            Item: {
              ...reminderSlotKey(userId),
              type: 'reminder-slot',
              userId,
              gsi3pk: reminderSlotPk(schedule.timeZone, schedule.hour),
              gsi3sk: userId,
              timeZone: schedule.timeZone,
              reminderHour: schedule.hour,
              contactCount,
            },
          },
        },
        reminderZoneRegistrationPart(tableName, schedule.timeZone),
      ]);
    },

    async dropIfEmpty(userId) {
      try {
        await client.send(
          new DeleteCommand({
            TableName: tableName,
            Key: reminderSlotKey(userId),
            ConditionExpression: 'contactCount <= :zero',
            ExpressionAttributeValues: { ':zero': 0 },
          }),
        );
        return true;
      } catch (error) {
        // Contacts left (or no slot at all): it stays as it is.
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    pageInSlot(timeZone, hour, after, limit) {
      return pageSlotIndex(client, tableName, reminderSlotPk(timeZone, hour), after, limit);
    },

    async listInSlot(timeZone, hour) {
      const keys = await queryAll(client, {
        TableName: tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk',
        ExpressionAttributeValues: { ':pk': reminderSlotPk(timeZone, hour) },
      });
      return keys.flatMap((key) => userIdOfUserPk(String(key.pk)) ?? []);
    },

    async listZones() {
      const output = await client.send(new GetCommand({ TableName: tableName, Key: reminderZonesKey }));
      const zones = output.Item?.zones as Set<string> | undefined;
      return zones ? [...zones].sort() : [];
    },
  };
}
