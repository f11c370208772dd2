import type { Logger } from '../log/logger.ts';
import type { SendLedger } from '../store/send-ledger.ts';
import { ledgerTag, type MailTag } from './ledger-tag.ts';
import { surelyNotSent } from './mailer.ts';

/** A composed mail, ready to hand to SES with the tags given. */
export interface ComposedOnce<Detail> {
  readonly messageId: string;
  /** What the ledger keeps of this mail (written with the hand-over, so SES's event alone completes it). */
  readonly detail: Detail;
  send(tags: readonly MailTag[]): Promise<void>;
}

export type SendOnceResult =
  | { readonly outcome: 'sent'; readonly messageId: string; readonly attempt: number }
  | { readonly outcome: 'already-sent'; readonly sentAt: string }
  /** Another attempt holds a live claim. */
  | { readonly outcome: 'busy'; readonly leaseUntil: string }
  /** Handed to SES earlier and nothing says whether SES took it: held, not sent again. */
  | { readonly outcome: 'unknown-outcome'; readonly handedAt: string };

/**
 * One scheduled mail through the send ledger: compose, claim with the hand-over recorded, send with the
 * ledger key as a tag, then `markSent` (the caller's SENT mark with whatever the send changes
 * elsewhere). A send that certainly sent nothing (SES answered with an error, the request never left)
 * gives the claim back; one that ended without an answer (timeout, broken connection) keeps the
 * hand-over, so it is never sent blind again.
 */
export async function sendOnce<Detail>(
  ledger: SendLedger<Detail>,
  key: { readonly userId: string; readonly period: string },
  now: Date,
  log: Logger,
  steps: {
    compose(): Promise<ComposedOnce<Detail>>;
    markSent(token: string, mail: { messageId: string; detail: Detail }): Promise<void>;
  },
): Promise<SendOnceResult> {
  const composed = await steps.compose();
  const mail = { messageId: composed.messageId, detail: composed.detail };
  const claim = await ledger.claim(key.userId, key.period, now, mail);
  if (claim.outcome === 'sent') return { outcome: 'already-sent', sentAt: claim.sentAt };
  if (claim.outcome === 'busy') {
    log.warn('mail is being sent by another attempt; retrying later', { leaseUntil: claim.leaseUntil });
    return claim;
  }
  if (claim.outcome === 'unknown') {
    log.error(
      'mail outcome unknown: handed to SES and no answer or Send event recorded; held, not sent again',
      { kind: ledger.kind, period: key.period, handedAt: claim.handedAt },
    );
    return { outcome: 'unknown-outcome', handedAt: claim.handedAt };
  }
  try {
    await composed.send([ledgerTag({ kind: ledger.kind, ...key })]);
  } catch (error) {
    if (surelyNotSent(error)) await ledger.release(key.userId, key.period, claim.token);
    else
      log.error('mail handed to SES without an answer; held until SES says', { period: key.period, error });
    throw error;
  }
  await steps.markSent(claim.token, mail);
  return { outcome: 'sent', messageId: composed.messageId, attempt: claim.attempt };
}
