import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandOutput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Contact } from '../contacts/contact.ts';
import { batchGetAll } from './batch-requests.ts';
import { createCalendarStore } from './calendar-store.ts';
import { contactKey, contactPrefix, reminderSlotKey } from './keys/contact-keys.ts';

export class ContactNotFoundError extends Error {
  override readonly name = 'ContactNotFoundError';
}

export class ContactChangedError extends Error {
  override readonly name = 'ContactChangedError';
}

export interface ContactRepository {
  create(contact: Contact): Promise<void>;
  get(userId: string, contactId: string): Promise<Contact | null>;
  listForUser(userId: string): Promise<Contact[]>;
  /** Saves a changed contact; ContactChangedError if it changed since `previous` was read. */
  save(contact: Contact, previous: Contact): Promise<void>;
  remove(userId: string, contactId: string): Promise<void>;
  /**
   * The contacts of each of these users who has any: one batched read of their reminder slot items
   * (present only for users with contacts), then one query per such user.
   */
  listForUsers(userIds: readonly string[]): Promise<Map<string, Contact[]>>;
  /** Records that a reminder listing these contacts went out on `day`. */
  markReminded(userId: string, contactIds: readonly string[], day: string): Promise<void>;
}

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

function fromItem(item: Record<string, unknown>): Contact {
  const { pk: _pk, sk: _sk, type: _type, ...contact } = item;
  return contact as unknown as Contact;
}

export function createContactRepository(
  client: DynamoDBDocumentClient,
  tableName: string,
): ContactRepository {
  // Due contacts are entries of the user's calendar feed: a change renders it afresh.
  const calendars = createCalendarStore(client, tableName);
  return {
    async create(contact) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...contactKey(contact.userId, contact.id), type: 'contact', ...contact },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      await calendars.invalidate(contact.userId);
    },

    async get(userId, contactId) {
      const output = await client.send(
        new GetCommand({ TableName: tableName, Key: contactKey(userId, contactId), ConsistentRead: true }),
      );
      return output.Item ? fromItem(output.Item) : null;
    },

    async listForUser(userId) {
      const contacts: Contact[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page: QueryCommandOutput = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': contactKey(userId, '').pk, ':prefix': contactPrefix },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        contacts.push(...(page.Items ?? []).map(fromItem));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return contacts.sort((a, b) => a.name.localeCompare(b.name));
    },

    async save(contact, previous) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...contactKey(contact.userId, contact.id), type: 'contact', ...contact },
            ConditionExpression: 'updatedAt = :previous',
            ExpressionAttributeValues: { ':previous': previous.updatedAt },
          }),
        );
      } catch (error) {
        if (isConditionFailure(error))
          throw new ContactChangedError(`contact ${contact.id} changed meanwhile`);
        throw error;
      }
    },

    async remove(userId, contactId) {
      try {
        await client.send(
          new DeleteCommand({
            TableName: tableName,
            Key: contactKey(userId, contactId),
            ConditionExpression: 'attribute_exists(pk)',
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) throw new ContactNotFoundError(`no contact ${contactId}`);
        throw error;
      }
      await calendars.invalidate(userId);
    },

    async listForUsers(userIds) {
      const slots = await batchGetAll(client, tableName, [...new Set(userIds)].map(reminderSlotKey), {
        projection: 'userId',
      });
      const result = new Map<string, Contact[]>();
      for (const slot of slots) {
        const userId = String(slot.userId);
        result.set(userId, await this.listForUser(userId));
      }
      return result;
    },

    async markReminded(userId, contactIds, day) {
      for (const contactId of contactIds) {
        await client
          .send(
            new UpdateCommand({
              TableName: tableName,
              Key: contactKey(userId, contactId),
              UpdateExpression: 'SET lastRemindedOn = :day',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':day': day },
            }),
          )
          .catch((error: unknown) => {
            if (!isConditionFailure(error)) throw error;
          });
      }
    },
  };
}
