import { formatEventTime } from '../digest/format-event-time.ts';
import type { StoredEvent } from '../events/stored-event.ts';
import type { Logger } from '../log/logger.ts';
import { composeInviteMessage, type InviteKind } from '../mail/compose-invite.ts';
import type { MailIdentity } from '../mail/compose-message.ts';
import type { Mailer } from '../mail/mailer.ts';
import { sendOnce } from '../mail/send-once.ts';
import type { EventStore } from '../store/event-store.ts';
import {
  isSaved,
  type SavedEvent,
  type SavedEventStore,
  type SentInvite,
} from '../store/saved-event-store.ts';
import type { SendLedger } from '../store/send-ledger.ts';
import type { SuppressionList } from '../store/suppression-list.ts';
import { TransactionCancelledError } from '../store/transact-write.ts';
import type { UserRepository } from '../store/user-repository.ts';
import { effectiveStatus } from './calendar-entry.ts';
import { inviteFingerprint, isRemovalFingerprint, removalFingerprint } from './invite-fingerprint.ts';
import { renderInvite } from './render-invite.ts';
import { eventEndMs } from './select-calendar-entries.ts';

/** What the send ledger keeps of each invitation. */
export interface InviteLedgerDetail {
  readonly fingerprint: string;
  readonly method: 'REQUEST' | 'CANCEL';
}

export interface InviteDependencies {
  readonly users: Pick<UserRepository, 'get'>;
  readonly events: Pick<EventStore, 'get'>;
  readonly savedEvents: Pick<SavedEventStore, 'get' | 'recordInvite' | 'recordInvitePart'>;
  readonly ledger: SendLedger<InviteLedgerDetail>;
  readonly suppression: Pick<SuppressionList, 'suppressedAmong'>;
  readonly mailer: Mailer;
  readonly identity: MailIdentity;
  readonly logger: Logger;
}

export type InviteOutcome =
  | 'sent-invite'
  | 'sent-update'
  | 'sent-cancel'
  | 'up-to-date'
  | 'not-saved'
  | 'unknown-user'
  | 'unconfirmed'
  | 'suppressed'
  | 'past'
  | 'busy'
  /** Handed to SES before, with no word whether it went: held until SES's event says, never re-sent. */
  | 'held';

/** What the caller read or wrote just before, so it is not read again (absent: read it). */
export interface KnownState {
  readonly saved?: SavedEvent | null;
  readonly event?: StoredEvent | null;
}

/** The ledger period of one invitation: once per user, event and sequence. */
export const invitePeriod = (eventId: string, sequence: number) => `${eventId}#${sequence}`;

/** `Trellis <digest@x.org>` → the ORGANIZER, the same on every message for an event. */
export function organizerOf(from: string): { name: string; email: string } {
  const match = /^\s*(?:"?([^"<]*?)"?\s*)?<([^>]+)>\s*$/.exec(from);
  return match?.[2]
    ? { name: match[1]?.trim() || 'Trellis', email: match[2].trim() }
    : { name: 'Trellis', email: from.trim() };
}

/**
 * Brings one attendee's calendar copy of a saved event in line with the event: the first invitation
 * (SEQUENCE 0), an update with the next SEQUENCE when time, place, title or status changed, or a
 * METHOD:CANCEL when it was cancelled or withdrawn, or when the user removed it from their saved
 * events. Each (user, event, sequence) goes out once: the send ledger is claimed first, and a retry
 * after a crash finds the claim or the SENT mark.
 */
export async function reconcileInvite(
  deps: InviteDependencies,
  userId: string,
  eventId: string,
  now: Date,
  known: KnownState = {},
): Promise<InviteOutcome> {
  const log = deps.logger.child({ userId, eventId });
  const saved = known.saved === undefined ? await deps.savedEvents.get(userId, eventId) : known.saved;
  if (!saved) return 'not-saved';
  const profile = await deps.users.get(userId);
  if (!profile) return 'unknown-user';
  if (!profile.emailConfirmed) return 'unconfirmed';
  const event = known.event === undefined ? await deps.events.get(eventId) : known.event;
  // Gone from the table: it ended long ago (the TTL), nothing left to tell the calendar.
  if (!event || eventEndMs(event) <= now.getTime()) return 'past';

  const previous = saved.invite;
  const removed = !isSaved(saved);
  const fingerprint = removed ? removalFingerprint(event) : inviteFingerprint(event);
  const method = removed || effectiveStatus(event) === 'cancelled' ? 'CANCEL' : 'REQUEST';
  if (previous?.fingerprint === fingerprint) return 'up-to-date';
  // Nothing in the calendar to cancel; and after a CANCEL only a re-listed or re-saved event sends again.
  if (method === 'CANCEL' && (!previous || previous.method === 'CANCEL')) return 'up-to-date';
  if ((await deps.suppression.suppressedAmong([profile.email])).has(profile.email)) return 'suppressed';

  const sequence = previous ? previous.sequence + 1 : 0;
  const period = invitePeriod(eventId, sequence);
  const kind: InviteKind = removed
    ? 'removed'
    : method === 'CANCEL'
      ? 'cancel'
      : // Saved again after removing it: a fresh invitation to the person, not news from the organizer.
        previous && !isRemovalFingerprint(previous.fingerprint)
        ? 'update'
        : 'new';
  const detail: InviteLedgerDetail = { fingerprint, method };
  const previousSequence = previous?.sequence ?? null;
  const result = await sendOnce(deps.ledger, { userId, period }, now, log, {
    compose: async () => {
      const composed = await composeInvite(deps, event, profile, { kind, method, sequence, previous }, now);
      return {
        messageId: composed.messageId,
        detail,
        send: (tags) =>
          deps.mailer
            .sendRaw({ raw: composed.raw, from: deps.identity.from, to: [profile.email], tags })
            .then(() => undefined),
      };
    },
    markSent: async (token, mail) => {
      const invite: SentInvite = {
        sequence,
        ...detail,
        sentAt: now.toISOString(),
        messageId: mail.messageId,
      };
      const sent = { ...mail, sentAt: now };
      // SENT and the saved event's record of what went out, together.
      try {
        await deps.ledger.markSent(userId, period, token, sent, [
          deps.savedEvents.recordInvitePart(userId, eventId, invite, previousSequence),
        ]);
      } catch (error) {
        if (!(error instanceof TransactionCancelledError && error.failedOn('saved-invite'))) throw error;
        // The saved event moved on meanwhile (removed for good, another invitation recorded): the mail
        // went out all the same, so the ledger says so and the next reconcile starts from the record.
        await deps.ledger.markSent(userId, period, token, sent);
        log.warn('invitation sent but not recorded on the saved event: it changed meanwhile', { sequence });
      }
    },
  });
  if (result.outcome === 'busy') return 'busy';
  if (result.outcome === 'unknown-outcome') return 'held';
  if (result.outcome === 'already-sent') {
    // Sent before a crash (or completed by SES's event) that left the saved item behind: record what
    // went out, send nothing.
    const entry = (await deps.ledger.latestSent([userId], [period])).get(userId);
    if (entry?.detail && entry.messageId) {
      await deps.savedEvents.recordInvite(
        userId,
        eventId,
        { sequence, ...entry.detail, sentAt: entry.sentAt ?? now.toISOString(), messageId: entry.messageId },
        previousSequence,
      );
    }
    return 'up-to-date';
  }
  log.info('invitation sent', { kind, sequence, messageId: result.messageId });
  return kind === 'new' ? 'sent-invite' : kind === 'update' ? 'sent-update' : 'sent-cancel';
}

async function composeInvite(
  deps: InviteDependencies,
  event: StoredEvent,
  profile: { email: string; name: string | null; timeZone: string },
  invite: {
    kind: InviteKind;
    method: 'REQUEST' | 'CANCEL';
    sequence: number;
    previous: SentInvite | null;
  },
  now: Date,
): Promise<{ messageId: string; raw: Uint8Array }> {
  const ics = renderInvite({
    entry: {
      event,
      note:
        invite.kind === 'removed'
          ? 'You removed this event from your Trellis calendar.'
          : 'Saved in Trellis.',
      sequence: invite.sequence,
      status: effectiveStatus(event),
    },
    method: invite.method,
    organizer: organizerOf(deps.identity.from),
    attendee: profile.email,
    now,
  });
  const composed = await composeInviteMessage(
    {
      kind: invite.kind,
      method: invite.method,
      recipient: { address: profile.email, name: profile.name },
      title: event.title,
      when: formatEventTime(event, profile.timeZone),
      where: event.location ?? (event.online ? 'Online' : null),
      url: event.url ?? event.joinUrl,
      ics,
      previousMessageId: invite.previous?.messageId ?? null,
    },
    deps.identity,
    now,
  );
  return composed;
}
