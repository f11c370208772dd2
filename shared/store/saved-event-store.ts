import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { isConditionFailure } from './condition-failure.ts';
import { eventKey } from './keys/event-keys.ts';
import { eventSaverKey, eventSaverPrefix, savedEventKey, savedEventPrefix } from './keys/saved-event-keys.ts';
import { queryAll } from './query-all.ts';
import { TransactionCancelledError, type TransactionPart, transactWrite } from './transact-write.ts';

/*
 * USER#<user> / SAVED#<event>   the user's copy of an event: when saved, when removed (if it was), and
 *                               the last invitation sent. Removing only marks it, so saving it again
 *                               continues the invitation's SEQUENCE where the cancellation left it.
 * EVENT#<event> / SAVER#<user>  the reverse link, so a change to the event finds its attendees; kept on
 *                               removal, so a cancellation that failed to go out is retried with the
 *                               next change (and a removed saver costs one read that sends nothing)
 * EVENT#<event> / EVENT         hasSavers = true, returned by ingestion's own update, so an event nobody
 *                               saved costs no extra read when it changes
 *
 * Saving changes the three together, in one transaction on condition that the event exists: there is
 * never a saved record without its attendee record, nor an attendee the event's flag does not announce.
 * Removing is one conditional write to the saved record alone.
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

/** What saving did, with the saved event as it now is (its invitation state included). */
export type SaveOutcome =
  | { readonly outcome: 'saved' | 'already-saved'; readonly saved: SavedEvent }
  /** No event with that id: nothing was written. */
  | { readonly outcome: 'no-event' };

/** What removing did, with the saved event as it now is. */
export interface RemoveOutcome {
  readonly outcome: 'removed' | 'already-removed';
  readonly saved: SavedEvent;
}

export interface SavedEventStore {
  /** Saves an event for a user, or again if they removed it (keeping its invitation state). */
  save(userId: string, eventId: string, now: Date): Promise<SaveOutcome>;
  /** Marks a saved event removed; null when the user never saved it (nothing written). */
  unsave(userId: string, eventId: string, now: Date): Promise<RemoveOutcome | null>;
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
  /** recordInvite as a part of the send ledger's SENT transaction (label 'saved-invite'). */
  recordInvitePart(
    userId: string,
    eventId: string,
    invite: SentInvite,
    previousSequence: number | null,
  ): TransactionPart;
}

/** Saving tries again this often when the saved record changed between tries (a removal, a second tab). */
const saveAttempts = 3;

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
  /** The invitation that went out, recorded only if the previous one is still the one recorded. */
  function invitePart(
    userId: string,
    eventId: string,
    invite: SentInvite,
    previousSequence: number | null,
  ): TransactionPart & { Update: NonNullable<TransactionPart['Update']> } {
    return {
      label: 'saved-invite',
      Update: {
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
      },
    };
  }

  const listUnder = (pk: string, prefix: string) =>
    queryAll(client, {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    });

  /**
   * The saved record's part of a save: created where there is none, or restored from the removal seen
   * on the last try (its invitation attributes untouched). A failed condition hands back the item as it is.
   */
  function savedRecordPart(
    userId: string,
    eventId: string,
    removed: SavedEvent | null,
    now: Date,
  ): TransactionPart {
    if (!removed)
      return {
        label: 'saved',
        Put: {
          TableName: tableName,
          Item: {
            ...savedEventKey(userId, eventId),
            type: 'saved-event',
            userId,
            eventId,
            savedAt: now.toISOString(),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      };
    return {
      label: 'saved',
      Update: {
        TableName: tableName,
        Key: savedEventKey(userId, eventId),
        UpdateExpression: 'SET savedAt = :at REMOVE removedAt',
        ConditionExpression: 'removedAt = :removed',
        ExpressionAttributeValues: { ':at': now.toISOString(), ':removed': removed.removedAt },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
  }

  const saverPart = (userId: string, eventId: string): TransactionPart => ({
    label: 'saver',
    Put: {
      TableName: tableName,
      Item: { ...eventSaverKey(eventId, userId), type: 'event-saver', userId, eventId },
    },
  });

  const eventFlagPart = (eventId: string): TransactionPart => ({
    label: 'event',
    Update: {
      TableName: tableName,
      Key: eventKey(eventId),
      UpdateExpression: 'SET hasSavers = :true',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':true': true },
    },
  });

  return {
    async save(userId, eventId, now) {
      // The saved record as the last try found it: absent (create it) or removed (restore it).
      let removed: SavedEvent | null = null;
      for (let attempt = 1; attempt <= saveAttempts; attempt += 1) {
        try {
          await transactWrite(client, [
            savedRecordPart(userId, eventId, removed, now),
            saverPart(userId, eventId),
            eventFlagPart(eventId),
          ]);
          const invite = removed?.invite ?? null;
          return {
            outcome: 'saved',
            saved: { userId, eventId, savedAt: now.toISOString(), removedAt: null, invite },
          };
        } catch (error) {
          if (!(error instanceof TransactionCancelledError)) throw error;
          if (error.failedOn('event')) return { outcome: 'no-event' };
          if (!error.failedOn('saved')) throw error;
          const old = error.oldItem('saved');
          const current = old ? toSavedEvent(old) : null;
          if (current && isSaved(current)) return { outcome: 'already-saved', saved: current };
          removed = current;
        }
      }
      throw new Error(`saving ${eventId} for ${userId} kept meeting concurrent changes; try again`);
    },

    async unsave(userId, eventId, now) {
      try {
        const output = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: savedEventKey(userId, eventId),
            UpdateExpression: 'SET removedAt = :at',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(removedAt)',
            ExpressionAttributeValues: { ':at': now.toISOString() },
            ReturnValues: 'ALL_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { outcome: 'removed', saved: toSavedEvent(output.Attributes ?? {}) };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        // Removed already (a retry, a second tab): the same answer, so the caller can finish the job.
        return error.Item
          ? { outcome: 'already-removed', saved: toSavedEvent(unmarshall(error.Item)) }
          : null;
      }
    },

    async get(userId, eventId) {
      const output = await client.send(
        new GetCommand({ TableName: tableName, Key: savedEventKey(userId, eventId), ConsistentRead: true }),
      );
      return output.Item ? toSavedEvent(output.Item) : null;
    },

    async listForUser(userId) {
      return (await listUnder(savedEventKey(userId, '').pk, savedEventPrefix)).map(toSavedEvent);
    },

    async listSavers(eventId) {
      return (await listUnder(eventSaverKey(eventId, '').pk, eventSaverPrefix)).map((item) =>
        String(item.userId),
      );
    },

    recordInvitePart: invitePart,

    async recordInvite(userId, eventId, invite, previousSequence) {
      const { Update } = invitePart(userId, eventId, invite, previousSequence);
      try {
        await client.send(new UpdateCommand(Update));
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
}
