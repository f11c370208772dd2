import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandOutput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { reminderSlotKey, reminderSlotPk, reminderZonesKey } from './keys/contact-keys.ts';

/*
 * USER#<id> / REMINDSLOT   gsi1: REMINDSLOT#<zone>#<hour> / <user id>: one item per user who has
 *                          contacts, so the hourly dispatch reads only the users whose hour it is
 * REMINDZONES              the zones those users are in
 */

export interface ReminderSlots {
  /** The user has contacts: put them in the slot of their zone and reminder hour. */
  enter(userId: string, timeZone: string, hour: number): Promise<void>;
  /** Moves the user's slot if they have one (their zone or hour changed). */
  move(userId: string, timeZone: string, hour: number): Promise<void>;
  leave(userId: string): Promise<void>;
  listInSlot(timeZone: string, hour: number): Promise<string[]>;
  listZones(): Promise<string[]>;
}

export function createReminderSlots(client: DynamoDBDocumentClient, tableName: string): ReminderSlots {
  const registerZone = (timeZone: string) =>
    client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: reminderZonesKey,
        UpdateExpression: 'ADD zones :zone',
        ExpressionAttributeValues: { ':zone': new Set([timeZone]) },
      }),
    );

  return {
    async enter(userId, timeZone, hour) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...reminderSlotKey(userId),
            type: 'reminder-slot',
            userId,
            gsi1pk: reminderSlotPk(timeZone, hour),
            gsi1sk: userId,
          },
        }),
      );
      await registerZone(timeZone);
    },

    async move(userId, timeZone, hour) {
      const existing = await client.send(
        new GetCommand({ TableName: tableName, Key: reminderSlotKey(userId) }),
      );
      if (!existing.Item) return;
      await this.enter(userId, timeZone, hour);
    },

    async leave(userId) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: reminderSlotKey(userId) }));
    },

    async listInSlot(timeZone, hour) {
      const userIds: string[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page: QueryCommandOutput = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': reminderSlotPk(timeZone, hour) },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) userIds.push(String(item.userId));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return userIds;
    },

    async listZones() {
      const output = await client.send(new GetCommand({ TableName: tableName, Key: reminderZonesKey }));
      const zones = output.Item?.zones as Set<string> | undefined;
      return zones ? [...zones].sort() : [];
    },
  };
}
