import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DueRenewal, Membership } from '../organizations/membership.ts';
import {
  MembershipChangedError,
  MembershipScheduleChangedError,
} from '../organizations/organization-errors.ts';
import { isConditionFailure } from './condition-failure.ts';
import { membershipKey, membershipPrefix } from './keys/membership-keys.ts';
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
 * USER#<id> / MEMBERSHIP#<organization key>   "I'm a member": the organization as spelled, the renewal
 *                                             date (or null) and the renewal last announced
 *
 * A membership with a renewal date is one more thing the daily reminder mail may have to say, so it is
 * counted in the user's reminder slot (reminder-slots.ts) exactly as a contact is, in the same
 * transaction as the membership itself:
 *
 *   new, with a date ────────────▶ put (attribute_not_exists) + join the slot (guarded by the profile's zone and hour)
 *   date added to one without ───▶ put (updatedAt as read) + join
 *   date removed ────────────────▶ put (updatedAt as read) + depart
 *   date changed, or none either way ▶ put (updatedAt as read) alone
 *   left, it had a date ─────────▶ delete (updatedAt as read) + depart
 *   left, it had none ───────────▶ delete (updatedAt as read) alone
 *
 * After a departure the use case drops a slot that counts nothing (ReminderSlots.dropIfEmpty).
 */

export interface MembershipRepository {
  get(userId: string, organizationKey: string): Promise<Membership | null>;
  /** By organization name. */
  listForUser(userId: string): Promise<Membership[]>;
  /**
   * Writes `next` where `previous` was read (null: there was none), with the reminder slot's count when
   * the renewal date comes or goes. MembershipChangedError when it changed meanwhile,
   * MembershipScheduleChangedError when the profile no longer has `schedule`; nothing written then.
   */
  put(next: Membership, previous: Membership | null, schedule: ReminderSchedule): Promise<void>;
  /** Deletes it as read, departing the slot when it had a renewal date; MembershipChangedError when it changed or went. */
  remove(previous: Membership): Promise<void>;
  /** The renewals a reminder announced, as parts of the send ledger's SENT transaction (label 'membership-reminded'). */
  renewalRemindedParts(userId: string, renewals: readonly DueRenewal[]): TransactionPart[];
  /** The same, one write each, for a membership that is gone or changed: skipped. */
  markRenewalsReminded(userId: string, renewals: readonly DueRenewal[]): Promise<void>;
}

export const membershipRemindedLabel = 'membership-reminded';
const membershipLabel = 'membership';

function fromItem(item: Record<string, unknown>): Membership {
  return {
    userId: String(item.userId),
    organizationKey: String(item.organizationKey),
    organization: String(item.organization),
    renewsOn: typeof item.renewsOn === 'string' ? item.renewsOn : null,
    renewalRemindedFor: typeof item.renewalRemindedFor === 'string' ? item.renewalRemindedFor : null,
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
  };
}

export function createMembershipRepository(
  client: DynamoDBDocumentClient,
  tableName: string,
): MembershipRepository {
  const item = (membership: Membership) => ({
    ...membershipKey(membership.userId, membership.organizationKey),
    type: 'membership',
    ...membership,
  });
  const asRead = (previous: Membership | null) =>
    previous === null
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : {
          ConditionExpression: 'updatedAt = :previous',
          ExpressionAttributeValues: { ':previous': previous.updatedAt },
        };

  /** The slot's parts for a renewal date that comes (join), goes (depart) or neither. */
  const slotParts = (
    userId: string,
    had: boolean,
    has: boolean,
    schedule: ReminderSchedule | null,
  ): TransactionPart[] => {
    if (has && !had && schedule) return reminderSlotJoinParts(tableName, userId, schedule);
    if (had && !has) return [reminderSlotDepartPart(tableName, userId)];
    return [];
  };

  /**
   * The membership's part with the slot's; a departure from a slot that is missing (memberships stored
   * before renewals counted) checks instead that it stays missing, in the same transaction, so a join
   * in between is not missed.
   */
  async function write(
    userId: string,
    membershipPart: TransactionPart,
    slot: TransactionPart[],
    key: string,
  ) {
    let parts = slot;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await transactWrite(client, [membershipPart, ...parts]);
        return;
      } catch (error) {
        if (!(error instanceof TransactionCancelledError)) throw error;
        if (error.failedOn(membershipLabel))
          throw new MembershipChangedError(`membership ${key} changed meanwhile`);
        if (error.failedOn(reminderScheduleLabel))
          throw new MembershipScheduleChangedError('the reminder schedule changed meanwhile');
        const slotPart = parts.find((part) => part.label === reminderSlotLabel && !part.Put);
        if (!error.failedOn(reminderSlotLabel) || !slotPart || attempt >= 3) throw error;
        parts = [
          slotPart.ConditionCheck === undefined
            ? reminderSlotAbsentPart(tableName, userId)
            : reminderSlotDepartPart(tableName, userId),
        ];
      }
    }
  }

  return {
    async get(userId, organizationKey) {
      const output = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: membershipKey(userId, organizationKey),
          ConsistentRead: true,
        }),
      );
      return output.Item ? fromItem(output.Item) : null;
    },

    async listForUser(userId) {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': membershipKey(userId, '').pk, ':prefix': membershipPrefix },
        ConsistentRead: true,
      });
      return items.map(fromItem).sort((a, b) => a.organization.localeCompare(b.organization));
    },

    async put(next, previous, schedule) {
      await write(
        next.userId,
        { label: membershipLabel, Put: { TableName: tableName, Item: item(next), ...asRead(previous) } },
        slotParts(next.userId, previous?.renewsOn != null, next.renewsOn !== null, schedule),
        next.organizationKey,
      );
    },

    async remove(previous) {
      await write(
        previous.userId,
        {
          label: membershipLabel,
          Delete: {
            TableName: tableName,
            Key: membershipKey(previous.userId, previous.organizationKey),
            ...asRead(previous),
          },
        },
        slotParts(previous.userId, previous.renewsOn !== null, false, null),
        previous.organizationKey,
      );
    },

    renewalRemindedParts: (userId, renewals) =>
      renewals.map((renewal) => ({
        label: membershipRemindedLabel,
        Update: {
          TableName: tableName,
          Key: membershipKey(userId, renewal.organizationKey),
          UpdateExpression: 'SET renewalRemindedFor = :renewsOn',
          ConditionExpression: 'renewsOn = :renewsOn',
          ExpressionAttributeValues: { ':renewsOn': renewal.renewsOn },
        },
      })),

    async markRenewalsReminded(userId, renewals) {
      for (const renewal of renewals) {
        await client
          .send(
            new UpdateCommand({
              TableName: tableName,
              Key: membershipKey(userId, renewal.organizationKey),
              UpdateExpression: 'SET renewalRemindedFor = :renewsOn',
              ConditionExpression: 'renewsOn = :renewsOn',
              ExpressionAttributeValues: { ':renewsOn': renewal.renewsOn },
            }),
          )
          .catch((error: unknown) => {
            if (!isConditionFailure(error)) throw error;
          });
      }
    },
  };
}
