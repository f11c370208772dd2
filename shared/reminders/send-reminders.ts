import { contactsToRemind } from '../contacts/reminder-plan.ts';
import type { Logger } from '../log/logger.ts';
import { MailDeferredError } from '../mail/bulk-mailer.ts';
import type { MailIdentity } from '../mail/compose-message.ts';
import { composeReminderMessage } from '../mail/compose-reminder.ts';
import type { Mailer } from '../mail/mailer.ts';
import { sendOnce } from '../mail/send-once.ts';
import { type DueRenewal, renewalsToRemind } from '../organizations/membership.ts';
import type { QueueRecord } from '../queue/queue-record.ts';
import { type ReminderMessage, reminderMessageSchema } from '../queue/reminder-message.ts';
import type { ContactRepository } from '../store/contact-repository.ts';
import type { EventStore } from '../store/event-store.ts';
import type { MembershipRepository } from '../store/membership-repository.ts';
import type { SendLedger } from '../store/send-ledger.ts';
import type { SuppressionList } from '../store/suppression-list.ts';
import { TransactionCancelledError } from '../store/transact-write.ts';
import type { UserRepository } from '../store/user-repository.ts';
import type { UserProfile } from '../users/user-profile.ts';
import { buildReminderModel, type ReminderLinks } from './build-reminder-model.ts';
import type { ReminderModel } from './reminder-model.ts';

/** What the ledger keeps of each reminder: which contacts it listed. */
export interface ReminderLedgerDetail {
  readonly contactIds: readonly string[];
}

export interface ReminderSendDependencies {
  readonly users: Pick<UserRepository, 'getMany' | 'get'>;
  readonly contacts: Pick<ContactRepository, 'listForUser' | 'markReminded' | 'remindedParts'>;
  /** Memberships renewing within 30 days get a line in the same mail; without it, none do. */
  readonly memberships?: Pick<
    MembershipRepository,
    'listForUser' | 'renewalRemindedParts' | 'markRenewalsReminded'
  >;
  readonly events: Pick<EventStore, 'listStartingBetween'>;
  readonly ledger: SendLedger<ReminderLedgerDetail>;
  readonly suppression: Pick<SuppressionList, 'suppressedAmong'>;
  readonly mailer: Mailer;
  readonly identity: MailIdentity;
  readonly links: () => Promise<ReminderLinks>;
  readonly logger: Logger;
}

export type ReminderOutcome =
  | 'sent'
  | 'already-sent'
  | 'nothing-due'
  | 'unconfirmed'
  | 'suppressed'
  | 'unknown-user'
  | 'busy'
  /** Handed to SES before, with no word whether it went: retried until SES's event says, never re-sent. */
  | 'held'
  /** Bulk sending is paused (daily quota) or its shared rate stayed full: handed back for `resumeAt`. */
  | 'deferred'
  | 'failed'
  | 'invalid-message';

export interface ReminderBatchOutcome {
  readonly failedMessageIds: string[];
  /** When the 'deferred' messages may be tried again (null: none were deferred). */
  readonly resumeAt: string | null;
  readonly outcomes: { messageId: string; userId: string | null; outcome: ReminderOutcome }[];
}

const dayMs = 86_400_000;
/** A transaction holds at most 100 items: the ledger and up to 99 contacts. */
const maxContactsPerTransaction = 100;
/** Suggestions come from the events of the next two weeks (the digest's window, so a batch holds as much). */
const suggestionWindowDays = 14;

/**
 * One SQS batch of reminders (one message per user and local date). Per user: the contacts due today
 * (overdue ones again weekly), one email listing them all, most overdue first. Once and only once: the
 * send ledger is claimed per user and local date before the send and marked after, in one transaction
 * with the contacts' `lastRemindedOn`.
 */
export async function sendReminderBatch(
  deps: ReminderSendDependencies,
  records: readonly QueueRecord[],
  now: Date,
): Promise<ReminderBatchOutcome> {
  const outcomes: ReminderBatchOutcome['outcomes'] = [];
  const failedMessageIds: string[] = [];
  const record = (messageId: string, userId: string | null, outcome: ReminderOutcome) => {
    outcomes.push({ messageId, userId, outcome });
    if (outcome === 'failed' || outcome === 'busy' || outcome === 'held' || outcome === 'invalid-message')
      failedMessageIds.push(messageId);
  };
  const messages: { messageId: string; message: ReminderMessage }[] = [];
  for (const { messageId, body } of records) {
    try {
      messages.push({ messageId, message: reminderMessageSchema.parse(JSON.parse(body)) });
    } catch {
      deps.logger.error('invalid reminder message', { messageId, body: body.slice(0, 200) });
      record(messageId, null, 'invalid-message');
    }
  }
  if (messages.length === 0) return { failedMessageIds, outcomes, resumeAt: null };
  const profiles = new Map(
    (await deps.users.getMany(messages.map((entry) => entry.message.userId))).map((p) => [p.id, p]),
  );
  const suppressed = await deps.suppression.suppressedAmong(
    [...profiles.values()].map((profile) => profile.email),
  );
  const upcoming = await deps.events.listStartingBetween(
    now,
    new Date(now.getTime() + suggestionWindowDays * dayMs),
  );
  const links = await deps.links();

  let resumeAt: Date | null = null;
  for (const { messageId, message } of messages) {
    const profile = profiles.get(message.userId);
    const log = deps.logger.child({ messageId, userId: message.userId, localDate: message.localDate });
    if (!profile) {
      record(messageId, message.userId, 'unknown-user');
      continue;
    }
    if (!profile.emailConfirmed) {
      log.info('reminder skipped: address not confirmed');
      record(messageId, profile.id, 'unconfirmed');
      continue;
    }
    if (suppressed.has(profile.email)) {
      log.info('reminder skipped: address suppressed after a bounce or complaint');
      record(messageId, profile.id, 'suppressed');
      continue;
    }
    if (resumeAt) {
      record(messageId, profile.id, 'deferred');
      continue;
    }
    try {
      record(
        messageId,
        profile.id,
        await sendOne(deps, profile, message.localDate, upcoming, links, now, log),
      );
    } catch (error) {
      if (error instanceof MailDeferredError) {
        // Paused or rate-bound: nothing more is sent from this batch; all of it comes back later.
        log.warn('reminder deferred', { reason: error.message, resumeAt: error.resumeAt.toISOString() });
        resumeAt = error.resumeAt;
        record(messageId, profile.id, 'deferred');
        continue;
      }
      log.error('reminder failed', { error });
      record(messageId, profile.id, 'failed');
    }
  }
  return { failedMessageIds, outcomes, resumeAt: resumeAt?.toISOString() ?? null };
}

async function sendOne(
  deps: ReminderSendDependencies,
  profile: UserProfile,
  today: string,
  upcoming: Parameters<typeof buildReminderModel>[2],
  links: ReminderLinks,
  now: Date,
  log: Logger,
): Promise<ReminderOutcome> {
  const due = contactsToRemind(await deps.contacts.listForUser(profile.id), today);
  const renewals = await renewalsDue(deps, profile.id, today);
  if (due.length === 0 && renewals.length === 0) {
    log.info('no contact due today');
    return 'nothing-due';
  }
  const contactIds = due.map((entry) => entry.contact.id);
  const result = await sendOnce(deps.ledger, { userId: profile.id, period: today }, now, log, {
    compose: async () => {
      const model = withRenewals(buildReminderModel(profile, due, upcoming, today, links, now), renewals);
      const composed = await composeReminderMessage(model, deps.identity, now);
      return {
        messageId: composed.messageId,
        detail: { contactIds },
        send: (tags) =>
          deps.mailer
            .sendRaw({ raw: composed.raw, from: deps.identity.from, to: [model.recipient.email], tags })
            .then(() => undefined),
      };
    },
    markSent: (token, mail) =>
      markReminderSent(deps, profile.id, today, token, { ...mail, sentAt: now }, renewals),
  });
  switch (result.outcome) {
    case 'already-sent':
      // Sent before a crash (or completed by SES's event) that left the contacts unmarked: mark them,
      // or they would be listed daily.
      await deps.contacts.markReminded(profile.id, contactIds, today);
      await deps.memberships?.markRenewalsReminded(profile.id, renewals);
      return 'already-sent';
    case 'busy':
      return 'busy';
    case 'unknown-outcome':
      return 'held';
    case 'sent':
      log.info('reminder sent', {
        messageId: result.messageId,
        contacts: contactIds.length,
        renewals: renewals.length,
        attempt: result.attempt,
      });
      return 'sent';
  }
}

/**
 * SENT and the contacts' "reminded on" together; a contact removed meanwhile cancels that, and then the
 * ledger is marked alone and the rest of the contacts one by one.
 */
async function markReminderSent(
  deps: ReminderSendDependencies,
  userId: string,
  today: string,
  token: string,
  sent: { messageId: string; sentAt: Date; detail: ReminderLedgerDetail },
  renewals: readonly DueRenewal[],
): Promise<void> {
  const { contactIds } = sent.detail;
  const renewalParts = deps.memberships?.renewalRemindedParts(userId, renewals) ?? [];
  const together = contactIds.length + renewalParts.length < maxContactsPerTransaction;
  try {
    await deps.ledger.markSent(
      userId,
      today,
      token,
      sent,
      together ? [...deps.contacts.remindedParts(userId, contactIds, today), ...renewalParts] : [],
    );
    if (!together) {
      await deps.contacts.markReminded(userId, contactIds, today);
      await deps.memberships?.markRenewalsReminded(userId, renewals);
    }
  } catch (error) {
    const markFailed =
      error instanceof TransactionCancelledError &&
      (error.failedOn('contact-reminded') || error.failedOn('membership-reminded'));
    if (!markFailed) throw error;
    await deps.ledger.markSent(userId, today, token, sent);
    await deps.contacts.markReminded(userId, contactIds, today);
    await deps.memberships?.markRenewalsReminded(userId, renewals);
  }
}

/** The memberships whose renewal the mail of `today` announces (none without a membership store). */
async function renewalsDue(
  deps: Pick<ReminderSendDependencies, 'memberships'>,
  userId: string,
  today: string,
): Promise<DueRenewal[]> {
  return deps.memberships ? renewalsToRemind(await deps.memberships.listForUser(userId), today) : [];
}

function withRenewals(model: ReminderModel, renewals: readonly DueRenewal[]): ReminderModel {
  if (renewals.length === 0) return model;
  return {
    ...model,
    renewals: renewals.map(({ organization, renewsOn }) => ({ organization, renewsOn })),
  };
}

/** Renders one user's reminder for a date without sending or recording anything (`trellis reminders --dry-run`). */
export async function previewReminder(
  deps: Pick<ReminderSendDependencies, 'contacts' | 'memberships' | 'events' | 'identity' | 'links'>,
  profile: UserProfile,
  today: string,
  now: Date,
): Promise<{ model: ReminderModel; raw: Uint8Array } | null> {
  const due = contactsToRemind(await deps.contacts.listForUser(profile.id), today);
  const renewals = await renewalsDue(deps, profile.id, today);
  if (due.length === 0 && renewals.length === 0) return null;
  const upcoming = await deps.events.listStartingBetween(
    now,
    new Date(now.getTime() + suggestionWindowDays * dayMs),
  );
  const model = withRenewals(
    buildReminderModel(profile, due, upcoming, today, await deps.links(), now),
    renewals,
  );
  return { model, raw: (await composeReminderMessage(model, deps.identity, now)).raw };
}
