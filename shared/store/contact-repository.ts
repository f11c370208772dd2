import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Contact } from '../contacts/contact.ts';
import {
  ContactChangedError,
  ContactNotFoundError,
  ReminderScheduleChangedError,
} from '../contacts/contact-errors.ts';
import { batchGetAll } from './batch-requests.ts';
import { isConditionFailure } from './condition-failure.ts';
import { contactKey, contactPrefix, reminderSlotKey } from './keys/contact-keys.ts';
import { queryAll } from './query-all.ts';
import {
  type ReminderSchedule,
  reminderScheduleLabel,
  reminderSlotAbsentPart,
  reminderSlotDepartPart,
  reminderSlotJoinParts,
  reminderSlotLabel,
} from './reminder-slots.ts';
import { TransactionCancelledError, type TransactionPart, transactWrite } from './transact-write.ts';

/*
 * USER#<id> / CONTACT#<contact id>   one contact: the Contact fields as they are
 *
 * A contact and its count in the user's reminder slot (reminder-slots.ts) change in one transaction:
 * adding puts the contact (attribute_not_exists) and joins the slot, guarded by the profile's zone and
 * hour; removing deletes it (attribute_exists) and departs. A change to a contact is one conditional
 * put on the `updatedAt` it was read with.
 */

export interface ContactRepository {
  /**
   * The contact and one more in the user's reminder slot at `schedule`, all or nothing; the profile must
   * still have that zone and hour (else ReminderScheduleChangedError, nothing written).
   */
  add(contact: Contact, schedule: ReminderSchedule): Promise<void>;
  get(userId: string, contactId: string): Promise<Contact | null>;
  /** By name. */
  listForUser(userId: string): Promise<Contact[]>;
  /** Saves a changed contact; ContactChangedError if it changed (or went) since `previous` was read. */
  save(contact: Contact, previous: Contact, alsoWrite?: readonly TransactionPart[]): Promise<void>;
  /** The contact goes and the user's reminder slot counts one fewer, all or nothing; ContactNotFoundError if it is gone. */
  remove(userId: string, contactId: string): Promise<void>;
  /**
   * The contacts of each of these users who has any: one batched read of their reminder slot items
   * (present only for users with contacts), then one query per such user.
   */
  listForUsers(userIds: readonly string[]): Promise<Map<string, Contact[]>>;
  /** Records that a reminder listing these contacts went out on `day`. */
  markReminded(userId: string, contactIds: readonly string[], day: string): Promise<void>;
  /** markReminded as parts of the send ledger's SENT transaction (label 'contact-reminded'). */
  remindedParts(userId: string, contactIds: readonly string[], day: string): TransactionPart[];
}

function fromItem(item: Record<string, unknown>): Contact {
  const { pk: _pk, sk: _sk, type: _type, ...contact } = item;
  return contact as unknown as Contact;
}

/** A removal races an add that creates the slot, at most once in practice: a few rounds are plenty. */
const removeAttempts = 3;

export function createContactRepository(
  client: DynamoDBDocumentClient,
  tableName: string,
): ContactRepository {
  const contactItem = (contact: Contact) => ({
    ...contactKey(contact.userId, contact.id),
    type: 'contact',
    ...contact,
  });

  async function listForUser(userId: string) {
    const items = await queryAll(client, {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': contactKey(userId, '').pk, ':prefix': contactPrefix },
      ConsistentRead: true,
    });
    return items.map(fromItem).sort((a, b) => a.name.localeCompare(b.name));
  }

  return {
    async add(contact, schedule) {
      try {
        await transactWrite(client, [
          {
            label: 'contact',
            Put: {
              TableName: tableName,
              Item: contactItem(contact),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...reminderSlotJoinParts(tableName, contact.userId, schedule),
        ]);
      } catch (error) {
        if (error instanceof TransactionCancelledError && error.failedOn(reminderScheduleLabel))
          throw new ReminderScheduleChangedError(
            `user ${contact.userId} no longer has zone ${schedule.timeZone} at ${schedule.hour}:00`,
          );
        throw error;
      }
    },

    async get(userId, contactId) {
      const output = await client.send(
        new GetCommand({ TableName: tableName, Key: contactKey(userId, contactId), ConsistentRead: true }),
      );
      return output.Item ? fromItem(output.Item) : null;
    },

    listForUser,

    async save(contact, previous, alsoWrite = []) {
      const put = {
        TableName: tableName,
        Item: contactItem(contact),
        ConditionExpression: 'updatedAt = :previous',
        ExpressionAttributeValues: { ':previous': previous.updatedAt },
      };
      const changed = () => new ContactChangedError(`contact ${contact.id} changed meanwhile`);
      try {
        if (alsoWrite.length === 0) await client.send(new PutCommand(put));
        else await transactWrite(client, [{ label: 'contact', Put: put }, ...alsoWrite]);
      } catch (error) {
        if (isConditionFailure(error)) throw changed();
        if (error instanceof TransactionCancelledError && error.failedOn('contact')) throw changed();
        throw error;
      }
    },

    async remove(userId, contactId) {
      const deletion: TransactionPart = {
        label: 'contact',
        Delete: {
          TableName: tableName,
          Key: contactKey(userId, contactId),
          ConditionExpression: 'attribute_exists(pk)',
        },
      };
      // Normally the slot counts the contact; a slot that is missing (contacts stored before slots
      // counted) is left missing, checked in the same transaction so an add in between is not missed.
      let slotPart = reminderSlotDepartPart(tableName, userId);
      for (let attempt = 1; ; attempt += 1) {
        try {
          await transactWrite(client, [deletion, slotPart]);
          return;
        } catch (error) {
          if (!(error instanceof TransactionCancelledError)) throw error;
          if (error.failedOn('contact')) throw new ContactNotFoundError(`no contact ${contactId}`);
          if (!error.failedOn(reminderSlotLabel) || attempt >= removeAttempts) throw error;
          slotPart =
            slotPart.ConditionCheck === undefined
              ? reminderSlotAbsentPart(tableName, userId)
              : reminderSlotDepartPart(tableName, userId);
        }
      }
    },

    async listForUsers(userIds) {
      const slots = await batchGetAll(client, tableName, [...new Set(userIds)].map(reminderSlotKey), {
        projection: 'userId',
      });
      const result = new Map<string, Contact[]>();
      for (const slot of slots) {
        const userId = String(slot.userId);
        result.set(userId, await listForUser(userId));
      }
      return result;
    },

    remindedParts: (userId, contactIds, day) =>
      contactIds.map((contactId) => ({
        label: 'contact-reminded',
        Update: {
          TableName: tableName,
          Key: contactKey(userId, contactId),
          UpdateExpression: 'SET lastRemindedOn = :day',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':day': day },
        },
      })),

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
