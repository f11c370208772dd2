import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandOutput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { eventKey } from './keys/event-keys.ts';
import { eventSaverKey, eventSaverPrefix, savedEventKey, savedEventPrefix } from './keys/saved-event-keys.ts';

/*
 * USER#<user> / SAVED#<event>   the user's copy of an event: when saved, when removed (if it was), and
 *                               the last invitation sent. Removing only marks it, so saving it again
 *                               continues the invitation's SEQUENCE where the cancellation left it.
 * EVENT#<event> / SAVER#<user>  the reverse link, so a change to the event finds its attendees; kept on
 *                               removal, so a cancellation that failed to go out is retried with the
 *                               next change (and a removed saver costs one read that sends nothing)
 * EVENT#<event> / EVENT         hasSavers = true, returned by ingestion's own update, so an event nobody
 *                               saved costs no extra read when it changes
 */

/** iTIP METHOD of an invitation: REQUEST (new or updated) or CANCEL. */
export type InviteMethod = 'REQUEST' | 'CANCEL';

export interface SentInvite {
  readonly sequence: number;
  /** What the invitation said (time, place, title, status), to tell whether an update is due. */
  readonly fingerprint: string;
  readonly method: InviteMethod;
  readonly sentAt: string;
  /** Message-ID of the invitation email, so the next update threads under it. */
  readonly messageId: string;
}

export interface SavedEvent {
  readonly userId: string;
  readonly eventId: string;
  readonly savedAt: string;
  /** When the user removed it from their calendar; null while it is saved. */
  readonly removedAt: string | null;
  readonly invite: SentInvite | null;
}

/** Saved and not removed since. */
export const isSaved = (saved: SavedEvent) => saved.removedAt === null;

export interface SavedEventStore {
  /** Saves an event for a user (again, if they removed it); 'already-saved' when it is saved. */
  save(userId: string, eventId: string, now: Date): Promise<'saved' | 'already-saved'>;
  /** Marks a saved event removed; 'removed' also when it already was, 'not-saved' when it never was. */
  unsave(userId: string, eventId: string, now: Date): Promise<'removed' | 'not-saved'>;
  /** The item, removed or not (see isSaved). */
  get(userId: string, eventId: string): Promise<SavedEvent | null>;
  /** Every saved item of the user, removed ones included (their removedAt set): filter with isSaved. */
  listForUser(userId: string): Promise<SavedEvent[]>;
  listSavers(eventId: string): Promise<string[]>;
  /** Records an invitation sent, only if the previous one is still the one recorded (null: none yet). */
  recordInvite(
    userId: string,
    eventId: string,
    invite: SentInvite,
    previousSequence: number | null,
  ): Promise<boolean>;
}

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

function toSavedEvent(item: Record<string, unknown>): SavedEvent {
  return {
    userId: String(item.userId),
    eventId: String(item.eventId),
    savedAt: String(item.savedAt),
    removedAt: typeof item.removedAt === 'string' ? item.removedAt : null,
    invite:
      typeof item.inviteSequence === 'number'
        ? {
            sequence: item.inviteSequence,
            fingerprint: String(item.inviteFingerprint),
            method: item.inviteMethod === 'CANCEL' ? 'CANCEL' : 'REQUEST',
            sentAt: String(item.inviteSentAt),
            messageId: String(item.inviteMessageId),
          }
        : null,
  };
}

export function createSavedEventStore(client: DynamoDBDocumentClient, tableName: string): SavedEventStore {
  async function queryAll(pk: string, prefix: string) {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page: QueryCommandOutput = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  async function get(userId: string, eventId: string) {
    const output = await client.send(
      new GetCommand({ TableName: tableName, Key: savedEventKey(userId, eventId), ConsistentRead: true }),
    );
    return output.Item ? toSavedEvent(output.Item) : null;
  }

  /** Saving a removed event again: the mark goes, the invitation state stays. False when it was not removed. */
  async function restore(userId: string, eventId: string, now: Date) {
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: savedEventKey(userId, eventId),
          UpdateExpression: 'SET savedAt = :at REMOVE removedAt',
          ConditionExpression: 'attribute_exists(removedAt)',
          ExpressionAttributeValues: { ':at': now.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  return {
    async save(userId, eventId, now) {
      let outcome: 'saved' | 'already-saved' = 'saved';
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...savedEventKey(userId, eventId),
              type: 'saved-event',
              userId,
              eventId,
              savedAt: now.toISOString(),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        outcome = (await restore(userId, eventId, now)) ? 'saved' : 'already-saved';
      }
      // Both idempotent and written on every save, so a crash after the first write is repaired by a retry.
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...eventSaverKey(eventId, userId), type: 'event-saver', userId, eventId },
        }),
      );
      await client
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: eventKey(eventId),
            UpdateExpression: 'SET hasSavers = :true',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':true': true },
          }),
        )
        .catch((error: unknown) => {
          if (!isConditionFailure(error)) throw error;
        });
      return outcome;
    },

    async unsave(userId, eventId, now) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: savedEventKey(userId, eventId),
            UpdateExpression: 'SET removedAt = :at',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(removedAt)',
            ExpressionAttributeValues: { ':at': now.toISOString() },
          }),
        );
        return 'removed';
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      // Removed already (a retry, a second tab): the same answer, so the caller can finish the job.
      return (await get(userId, eventId)) ? 'removed' : 'not-saved';
    },

    get,

    async listForUser(userId) {
      return (await queryAll(savedEventKey(userId, '').pk, savedEventPrefix)).map(toSavedEvent);
    },

    async listSavers(eventId) {
      return (await queryAll(eventSaverKey(eventId, '').pk, eventSaverPrefix)).map((item) =>
        String(item.userId),
      );
    },

    async recordInvite(userId, eventId, invite, previousSequence) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: savedEventKey(userId, eventId),
            UpdateExpression:
              'SET inviteSequence = :sequence, inviteFingerprint = :fingerprint, inviteMethod = :method, inviteSentAt = :at, inviteMessageId = :message',
            ConditionExpression:
              previousSequence === null
                ? 'attribute_exists(pk) AND attribute_not_exists(inviteSequence)'
                : 'inviteSequence = :previous',
            ExpressionAttributeValues: {
              ':sequence': invite.sequence,
              ':fingerprint': invite.fingerprint,
              ':method': invite.method,
              ':at': invite.sentAt,
              ':message': invite.messageId,
              ...(previousSequence === null ? {} : { ':previous': previousSequence }),
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
}
