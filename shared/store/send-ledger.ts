import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { batchGetAll } from './batch-requests.ts';
import { isConditionFailure } from './condition-failure.ts';
import { ledgerKey } from './keys/ledger-keys.ts';
import { TransactionCancelledError, type TransactionPart, transactWrite } from './transact-write.ts';

/*
 * The send ledger makes every scheduled email go out once and only once, whatever the retries:
 *
 *   (none) ──claim──▶ SENDING (token, lease) ──markSent──▶ SENT
 *                        │  ▲
 *                        └──┘ lease expired: the next attempt claims again (the crash before the send)
 *
 * A claim is a conditional write: it succeeds only where no item exists or a previous claim's lease
 * has run out; a refused claim returns the item as it is (ALL_OLD), so telling SENT from a live claim
 * costs no second read. A SENT item is final: a redelivered message, a re-run job or a second dispatcher finds
 * it and sends nothing. The window between the mail provider accepting a message and markSent is the
 * only place a duplicate can come from; it is a single write long.
 */

export type ClaimOutcome =
  | { readonly outcome: 'claimed'; readonly token: string; readonly attempt: number }
  | { readonly outcome: 'sent'; readonly sentAt: string }
  /** Another worker holds a live claim: try again after its lease. */
  | { readonly outcome: 'busy'; readonly leaseUntil: string };

export interface LedgerEntry<Detail> {
  readonly userId: string;
  readonly period: string;
  readonly status: 'sending' | 'sent';
  readonly sentAt: string | null;
  readonly messageId: string | null;
  readonly detail: Detail | null;
}

export interface SendLedger<Detail> {
  claim(userId: string, period: string, now: Date): Promise<ClaimOutcome>;
  /**
   * SENT, with `alsoWrite` (what the send changes elsewhere: the invitation on the saved event, the
   * contacts reminded) in the same transaction. LedgerClaimLostError when the claim was taken over; a
   * failed condition of `alsoWrite` is a TransactionCancelledError and nothing is written.
   */
  markSent(
    userId: string,
    period: string,
    token: string,
    sent: { messageId: string; sentAt: Date; detail: Detail },
    alsoWrite?: readonly TransactionPart[],
  ): Promise<void>;
  /** Give a claim back at once (the send failed for a reason a retry may fix). */
  release(userId: string, period: string, token: string): Promise<void>;
  /** For each user, the most recent SENT entry among the given periods. */
  latestSent(
    userIds: readonly string[],
    periods: readonly string[],
  ): Promise<Map<string, LedgerEntry<Detail>>>;
}

/** A claim is held this long; after it the send counts as crashed and may be claimed again. */
export const defaultLeaseMs = 5 * 60_000;
const retentionSeconds = 400 * 24 * 3600;

export class LedgerClaimLostError extends Error {
  override readonly name = 'LedgerClaimLostError';
}

export function createSendLedger<Detail>(
  client: DynamoDBDocumentClient,
  tableName: string,
  kind: string,
  leaseMs = defaultLeaseMs,
): SendLedger<Detail> {
  return {
    async claim(userId, period, now) {
      const token = randomUUID();
      const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
      try {
        const output = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: ledgerKey(userId, kind, period),
            UpdateExpression:
              'SET #status = :sending, claimToken = :token, leaseUntil = :lease, #type = :type, #kind = :kind, period = :period, userId = :user, #ttl = :ttl ADD attempts :one',
            ConditionExpression: 'attribute_not_exists(pk) OR (#status = :sending AND leaseUntil < :now)',
            ExpressionAttributeNames: {
              '#status': 'status',
              '#type': 'type',
              '#kind': 'kind',
              '#ttl': 'ttl',
            },
            ExpressionAttributeValues: {
              ':sending': 'sending',
              ':token': token,
              ':lease': leaseUntil,
              ':now': now.toISOString(),
              ':type': 'ledger',
              ':kind': kind,
              ':period': period,
              ':user': userId,
              ':ttl': Math.floor(now.getTime() / 1000) + retentionSeconds,
              ':one': 1,
            },
            ReturnValues: 'UPDATED_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { outcome: 'claimed', token, attempt: Number(output.Attributes?.attempts ?? 1) };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        // The exception carries the item in DynamoDB's wire form: lib-dynamodb does not convert errors.
        const item = error.Item ? unmarshall(error.Item as Parameters<typeof unmarshall>[0]) : {};
        return item.status === 'sent'
          ? { outcome: 'sent', sentAt: String(item.sentAt) }
          : { outcome: 'busy', leaseUntil: String(item.leaseUntil) };
      }
    },

    async markSent(userId, period, token, sent, alsoWrite = []) {
      const update = {
        TableName: tableName,
        Key: ledgerKey(userId, kind, period),
        UpdateExpression:
          'SET #status = :sent, sentAt = :at, messageId = :message, detail = :detail REMOVE leaseUntil',
        ConditionExpression: 'claimToken = :token',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sent': 'sent',
          ':at': sent.sentAt.toISOString(),
          ':message': sent.messageId,
          ':detail': sent.detail,
          ':token': token,
        },
      };
      const lost = () =>
        new LedgerClaimLostError(
          `the ${kind} ledger claim for ${userId} ${period} was taken over while sending`,
        );
      if (alsoWrite.length === 0) {
        try {
          await client.send(new UpdateCommand(update));
        } catch (error) {
          if (isConditionFailure(error)) throw lost();
          throw error;
        }
        return;
      }
      try {
        await transactWrite(client, [{ label: 'ledger', Update: update }, ...alsoWrite]);
      } catch (error) {
        if (error instanceof TransactionCancelledError && error.failedOn('ledger')) throw lost();
        throw error;
      }
    },

    async release(userId, period, token) {
      await client
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: ledgerKey(userId, kind, period),
            UpdateExpression: 'SET leaseUntil = :past',
            ConditionExpression: 'claimToken = :token AND #status = :sending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':past': '1970-01-01T00:00:00.000Z',
              ':token': token,
              ':sending': 'sending',
            },
          }),
        )
        .catch((error: unknown) => {
          if (!isConditionFailure(error)) throw error;
        });
    },

    async latestSent(userIds, periods) {
      const keys = userIds.flatMap((userId) => periods.map((period) => ledgerKey(userId, kind, period)));
      const items = await batchGetAll(client, tableName, keys);
      const latest = new Map<string, LedgerEntry<Detail>>();
      for (const item of items) {
        if (item.status !== 'sent') continue;
        const userId = String(item.userId);
        const entry: LedgerEntry<Detail> = {
          userId,
          period: String(item.period),
          status: 'sent',
          sentAt: String(item.sentAt),
          messageId: String(item.messageId),
          detail: (item.detail as Detail | undefined) ?? null,
        };
        const current = latest.get(userId);
        if (!current || current.period < entry.period) latest.set(userId, entry);
      }
      return latest;
    },
  };
}
