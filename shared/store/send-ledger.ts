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
 *   (none) ─claim─▶ HANDING (token, lease, Message-ID, detail) ─markSent─────────────▶ SENT
 *                      │  └─ SES's Send / Delivery event (ses-events) ──────────────────▶ SENT
 *                      ├─ SES answered with an error: release ─▶ SENDING, claimable at once
 *                      └─ lease expired, no SENT:
 *                           events published and none after the wait: SES never took it, claim again
 *                           otherwise `unknown`: held, never sent blind a second time
 *
 * The mail is composed first and the claim records its hand-over in the same conditional write (one
 * write before the send, one after). A claim succeeds only where no item exists, a claim was released,
 * or (where SES's events are published) a hand-over went unanswered for the wait; a refused claim
 * returns the item as it is (ALL_OLD), so telling SENT from a live claim costs no second read. Each
 * mail carries its ledger key as an SES tag, and `ses-events` marks the entry SENT from SES's own
 * event (`markSentBySes`): a worker that dies between SES's answer and its SENT mark leaves an entry
 * that SES's event completes, and the next attempt finds SENT, or holds while the outcome is unknown.
 */

export type ClaimOutcome =
  | { readonly outcome: 'claimed'; readonly token: string; readonly attempt: number }
  | { readonly outcome: 'sent'; readonly sentAt: string }
  /** Another worker holds a live claim: try again after its lease. */
  | { readonly outcome: 'busy'; readonly leaseUntil: string }
  /** Handed to SES, and nothing says whether SES took it: hold, do not send again. */
  | { readonly outcome: 'unknown'; readonly handedAt: string };

export interface LedgerEntry<Detail> {
  readonly userId: string;
  readonly period: string;
  readonly status: 'sending' | 'handing' | 'sent';
  readonly sentAt: string | null;
  readonly messageId: string | null;
  readonly detail: Detail | null;
}

export interface SendLedger<Detail> {
  /** What the ledger records (digest, reminder, invite): part of every key and of the mail's tag. */
  readonly kind: string;
  /**
   * Claims the send and records its hand-over to SES: the mail's Message-ID and the ledger detail, so
   * SES's event alone can complete the entry.
   */
  claim(
    userId: string,
    period: string,
    now: Date,
    handing: { readonly messageId: string; readonly detail: Detail },
  ): Promise<ClaimOutcome>;
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
  /**
   * SENT for several mails at once (their detail came with the claim): one transaction per 100, so a batch
   * of digests costs one write per mail (the claim) rather than two. A transaction refused because one
   * claim was taken over falls back to one write each; a lost claim there is logged by the caller's
   * `onLost` and skipped (the mail went out; the entry is the other attempt's now).
   */
  markSentMany(
    entries: readonly { userId: string; period: string; token: string; messageId: string; sentAt: Date }[],
    onLost: (entry: { userId: string; period: string }) => void,
  ): Promise<void>;
  /** Give a claim back at once: the mail certainly did not go out, a retry may send it. */
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
const past = '1970-01-01T00:00:00.000Z';

export interface SendLedgerOptions {
  readonly leaseMs?: number;
  /**
   * Where SES publishes Send events to `ses-events` (a configuration set with an event destination): a
   * mail handed over this long ago with no Send event was not taken by SES, and may be sent again.
   * Null (no events, as locally): a hand-over without an answer is never re-sent.
   */
  readonly resendUnconfirmedAfterMs?: number | null;
}

/** How long SES's Send event is waited for before a hand-over without one counts as not taken. */
export const defaultSendEventWaitMs = 30 * 60_000;

export class LedgerClaimLostError extends Error {
  override readonly name = 'LedgerClaimLostError';
}

export function createSendLedger<Detail>(
  client: DynamoDBDocumentClient,
  tableName: string,
  kind: string,
  options: SendLedgerOptions = {},
): SendLedger<Detail> {
  const { leaseMs = defaultLeaseMs, resendUnconfirmedAfterMs = null } = options;
  const lost = (userId: string, period: string) =>
    new LedgerClaimLostError(`the ${kind} ledger claim for ${userId} ${period} was taken over while sending`);

  return {
    kind,

    async claim(userId, period, now, handing) {
      const token = randomUUID();
      const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
      const values: Record<string, unknown> = {
        ':sending': 'sending',
        ':handing': 'handing',
        ':token': token,
        ':lease': leaseUntil,
        ':now': now.toISOString(),
        ':message': handing.messageId,
        ':detail': handing.detail,
        ':type': 'ledger',
        ':kind': kind,
        ':period': period,
        ':user': userId,
        ':ttl': Math.floor(now.getTime() / 1000) + retentionSeconds,
        ':one': 1,
      };
      let condition = 'attribute_not_exists(pk) OR (#status = :sending AND leaseUntil < :now)';
      if (resendUnconfirmedAfterMs !== null) {
        // SES publishes Send events here: a hand-over with none after the wait never reached SES.
        condition += ' OR (#status = :handing AND leaseUntil < :now AND handedAt < :resendBefore)';
        values[':resendBefore'] = new Date(now.getTime() - resendUnconfirmedAfterMs).toISOString();
      }
      try {
        const output = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: ledgerKey(userId, kind, period),
            UpdateExpression:
              'SET #status = :handing, handedAt = :now, messageId = :message, detail = :detail, claimToken = :token, leaseUntil = :lease, #type = :type, #kind = :kind, period = :period, userId = :user, #ttl = :ttl ADD attempts :one',
            ConditionExpression: condition,
            ExpressionAttributeNames: {
              '#status': 'status',
              '#type': 'type',
              '#kind': 'kind',
              '#ttl': 'ttl',
            },
            ExpressionAttributeValues: values,
            ReturnValues: 'UPDATED_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { outcome: 'claimed', token, attempt: Number(output.Attributes?.attempts ?? 1) };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        // The exception carries the item in DynamoDB's wire form: lib-dynamodb does not convert errors.
        const item = error.Item ? unmarshall(error.Item as Parameters<typeof unmarshall>[0]) : {};
        if (item.status === 'sent') return { outcome: 'sent', sentAt: String(item.sentAt) };
        const live = String(item.leaseUntil ?? past) >= now.toISOString();
        if (item.status === 'handing' && !live)
          return { outcome: 'unknown', handedAt: String(item.handedAt) };
        return { outcome: 'busy', leaseUntil: String(item.leaseUntil) };
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
      if (alsoWrite.length === 0) {
        try {
          await client.send(new UpdateCommand(update));
        } catch (error) {
          if (isConditionFailure(error)) throw lost(userId, period);
          throw error;
        }
        return;
      }
      try {
        await transactWrite(client, [{ label: 'ledger', Update: update }, ...alsoWrite]);
      } catch (error) {
        if (error instanceof TransactionCancelledError && error.failedOn('ledger'))
          throw lost(userId, period);
        throw error;
      }
    },

    async markSentMany(entries, onLost) {
      const sentUpdate = (entry: (typeof entries)[number]) => ({
        TableName: tableName,
        Key: ledgerKey(entry.userId, kind, entry.period),
        UpdateExpression: 'SET #status = :sent, sentAt = :at, messageId = :message REMOVE leaseUntil',
        ConditionExpression: 'claimToken = :token',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sent': 'sent',
          ':at': entry.sentAt.toISOString(),
          ':message': entry.messageId,
          ':token': entry.token,
        },
      });
      const markOne = async (entry: (typeof entries)[number]) => {
        try {
          await client.send(new UpdateCommand(sentUpdate(entry)));
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
          onLost(entry);
        }
      };
      for (let offset = 0; offset < entries.length; offset += 100) {
        const chunk = entries.slice(offset, offset + 100);
        if (chunk.length === 1) {
          await markOne(chunk[0] as (typeof entries)[number]);
          continue;
        }
        try {
          await transactWrite(
            client,
            chunk.map((entry, index) => ({ label: `ledger-${index}`, Update: sentUpdate(entry) })),
          );
        } catch (error) {
          if (!(error instanceof TransactionCancelledError)) throw error;
          for (const entry of chunk) await markOne(entry);
        }
      }
    },

    async release(userId, period, token) {
      await client
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: ledgerKey(userId, kind, period),
            UpdateExpression: 'SET #status = :sending, leaseUntil = :past REMOVE handedAt',
            ConditionExpression: 'claimToken = :token AND #status <> :sent',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':past': past,
              ':token': token,
              ':sending': 'sending',
              ':sent': 'sent',
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
