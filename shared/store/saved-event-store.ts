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
 * USER#<user> / SAVED#<event>   the user's copy of an event: when saved, and the last invitation sent
 * EVENT#<event> / SAVER#<user>  the reverse link, so a change to the event finds its attendees
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
  readonly invite: SentInvite | null;
}

export interface SavedEventStore {
  /** Saves an event for a user; 'already-saved' when it was. */
  save(userId: string, eventId: string, now: Date): Promise<'saved' | 'already-saved'>;
  get(userId: string, eventId: string): Promise<SavedEvent | null>;
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
        outcome = 'already-saved';
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

    async get(userId, eventId) {
      const output = await client.send(
        new GetCommand({ TableName: tableName, Key: savedEventKey(userId, eventId), ConsistentRead: true }),
      );
      return output.Item ? toSavedEvent(output.Item) : null;
    },

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
