import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  type InviteDependencies,
  type InviteLedgerDetail,
  reconcileInvite,
} from '../../../shared/calendar/reconcile-invite.ts';
import type { StoredEvent } from '../../../shared/events/stored-event.ts';
import { silentLogger } from '../../../shared/log/logger.ts';
import type { SavedEvent, SentInvite } from '../../../shared/store/saved-event-store.ts';
import type { LedgerEntry, SendLedger } from '../../../shared/store/send-ledger.ts';
import { TransactionCancelledError, type TransactionPart } from '../../../shared/store/transact-write.ts';
import { buildUserProfile } from '../../../shared/users/profile-input.ts';
import { storedEvent } from './calendar-fixtures.ts';

/*
 * reconcileInvite over in-memory stores: what goes out when the user removes a saved event and saves
 * it again. The saved-event fake follows the store's rules (a removal is a mark; saving again clears it).
 */

const now = new Date('2026-02-20T12:00:00Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const ana = buildUserProfile(
  { email: 'ana@example.org', emailConfirmed: true, name: 'Ana', timeZone: 'Europe/Berlin' },
  now,
);
const eventId = 'evt_0123456789abcdef0123';

let event: StoredEvent;
let saved: SavedEvent | null;
let sent: Uint8Array[];
let deps: InviteDependencies;

function recordIfStill(invite: SentInvite, previousSequence: number | null): boolean {
  if (!saved || (saved.invite?.sequence ?? null) !== previousSequence) return false;
  saved = { ...saved, invite };
  return true;
}

/** What an in-memory transaction part would write, and whether its condition holds. */
const pendingWrites = new WeakMap<object, { holds: () => boolean; apply: () => void }>();

function inMemoryLedger(): SendLedger<InviteLedgerDetail> {
  const entries = new Map<string, LedgerEntry<InviteLedgerDetail> & { token: string }>();
  return {
    kind: 'invite',
    async claim(userId, period) {
      const entry = entries.get(`${userId}|${period}`);
      if (entry?.status === 'sent') return { outcome: 'sent', sentAt: entry.sentAt ?? '' };
      if (entry) return { outcome: 'busy', leaseUntil: '' };
      const token = `t${entries.size}`;
      entries.set(`${userId}|${period}`, {
        userId,
        period,
        status: 'sending',
        sentAt: null,
        messageId: null,
        detail: null,
        token,
      });
      return { outcome: 'claimed', token, attempt: 1 };
    },
    async markSentMany() {
      throw new Error('invitations mark each send together with its saved event');
    },
    async markSent(userId, period, token, done, alsoWrite = []) {
      // All or nothing, as a transaction: every condition first, then every write.
      const failed = alsoWrite.filter((part) => !pendingWrites.get(part)?.holds());
      if (failed.length > 0)
        throw new TransactionCancelledError(
          alsoWrite.map((part) => ({
            label: part.label,
            code: failed.includes(part) ? 'ConditionalCheckFailed' : 'None',
            item: null,
          })),
        );
      for (const part of alsoWrite) pendingWrites.get(part)?.apply();
      entries.set(`${userId}|${period}`, {
        userId,
        period,
        status: 'sent',
        sentAt: done.sentAt.toISOString(),
        messageId: done.messageId,
        detail: done.detail,
        token,
      });
    },
    async release(userId, period) {
      entries.delete(`${userId}|${period}`);
    },
    async latestSent() {
      return new Map();
    },
  };
}

const save = (at: Date) => {
  saved = saved
    ? { ...saved, removedAt: null, savedAt: at.toISOString() }
    : { userId: ana.id, eventId, savedAt: at.toISOString(), removedAt: null, invite: null };
};
const unsave = (at: Date) => {
  if (saved && saved.removedAt === null) saved = { ...saved, removedAt: at.toISOString() };
};

beforeEach(() => {
  event = storedEvent();
  saved = null;
  sent = [];
  deps = {
    users: { get: async (id) => (id === ana.id ? ana : null) },
    events: { get: async (id) => (id === eventId ? event : null) },
    savedEvents: {
      get: async () => saved,
      recordInvite: async (_userId, _eventId, invite: SentInvite, previousSequence) =>
        recordIfStill(invite, previousSequence),
      recordInvitePart: (_userId, _eventId, invite: SentInvite, previousSequence) => {
        const part: TransactionPart = { label: 'saved-invite' };
        pendingWrites.set(part, {
          holds: () => saved !== null && (saved.invite?.sequence ?? null) === previousSequence,
          apply: () => recordIfStill(invite, previousSequence),
        });
        return part;
      },
    },
    ledger: inMemoryLedger(),
    suppression: { suppressedAmong: async () => new Set<string>() },
    mailer: {
      sendRaw: async (message) => {
        sent.push(message.raw);
        return { providerMessageId: `p${sent.length}` };
      },
    },
    identity: { from: 'Trellis <events@trellis.test>', replyTo: null, messageIdDomain: 'trellis.test' },
    logger: silentLogger,
  };
});

async function mails() {
  return Promise.all(
    sent.map(async (raw) => {
      const mail = await simpleParser(Buffer.from(raw));
      const ics =
        mail.attachments.find((part) => part.filename === 'invite.ics')?.content.toString('utf8') ?? '';
      const calendar = new ICAL.Component(ICAL.parse(ics));
      const vevent = calendar.getFirstSubcomponent('vevent') as ICAL.Component;
      return {
        subject: mail.subject,
        text: mail.text ?? '',
        method: calendar.getFirstPropertyValue('method'),
        sequence: vevent.getFirstPropertyValue('sequence'),
        status: vevent.getFirstPropertyValue('status'),
      };
    }),
  );
}

describe('reconcileInvite when the user removes a saved event', () => {
  it('mails one METHOD:CANCEL with the next SEQUENCE, worded as the user’s own removal', async () => {
    save(now);
    expect(await reconcileInvite(deps, ana.id, eventId, now)).toBe('sent-invite');
    unsave(later(5));
    expect(await reconcileInvite(deps, ana.id, eventId, later(5))).toBe('sent-cancel');
    // A retry, or the next change of the event while it stays removed: nothing more.
    expect(await reconcileInvite(deps, ana.id, eventId, later(6))).toBe('up-to-date');
    event = storedEvent({ start: '2026-03-03T19:00:00Z', end: '2026-03-03T21:00:00Z', revision: 1 });
    expect(await reconcileInvite(deps, ana.id, eventId, later(7))).toBe('up-to-date');

    const [invitation, cancellation, ...rest] = await mails();
    expect(rest).toEqual([]);
    expect(invitation).toMatchObject({ method: 'REQUEST', sequence: 0 });
    expect(cancellation).toMatchObject({
      subject: 'Removed from your calendar: Kubernetes Berlin Meetup · Tue 3 Mar, 19:00–21:00 CET',
      method: 'CANCEL',
      sequence: 1,
      status: 'CANCELLED',
    });
    expect(cancellation?.text).toContain('You removed this event from your saved events in Trellis');
    expect(cancellation?.text).not.toContain('The organizer cancelled');
    expect(saved?.invite).toMatchObject({ sequence: 1, method: 'CANCEL' });
  });

  it('sends nothing when no invitation went out before the removal', async () => {
    save(now);
    unsave(later(1));
    expect(await reconcileInvite(deps, ana.id, eventId, later(1))).toBe('up-to-date');
    expect(sent).toEqual([]);
    expect(saved?.invite).toBeNull();
  });

  it('sends nothing when the last message was the organizer’s cancellation', async () => {
    save(now);
    await reconcileInvite(deps, ana.id, eventId, now);
    event = storedEvent({ status: 'cancelled' });
    expect(await reconcileInvite(deps, ana.id, eventId, later(1))).toBe('sent-cancel');
    unsave(later(2));
    expect(await reconcileInvite(deps, ana.id, eventId, later(2))).toBe('up-to-date');
    expect((await mails()).map((mail) => mail.subject?.split(':')[0])).toEqual(['Invitation', 'Cancelled']);
  });

  it('saved again after the cancellation: a fresh invitation (REQUEST) with the SEQUENCE after it', async () => {
    save(now);
    await reconcileInvite(deps, ana.id, eventId, now);
    unsave(later(1));
    await reconcileInvite(deps, ana.id, eventId, later(1));
    save(later(2));
    expect(await reconcileInvite(deps, ana.id, eventId, later(2))).toBe('sent-invite');
    // Removed and saved once more: the sequence keeps counting.
    unsave(later(3));
    expect(await reconcileInvite(deps, ana.id, eventId, later(3))).toBe('sent-cancel');

    expect(
      (await mails()).map(({ subject, method, sequence }) => [subject?.split(':')[0], method, sequence]),
    ).toEqual([
      ['Invitation', 'REQUEST', 0],
      ['Removed from your calendar', 'CANCEL', 1],
      ['Invitation', 'REQUEST', 2],
      ['Removed from your calendar', 'CANCEL', 3],
    ]);
  });

  it('an organizer’s re-listing after their cancellation is still an update, not a new invitation', async () => {
    save(now);
    await reconcileInvite(deps, ana.id, eventId, now);
    event = storedEvent({ status: 'cancelled' });
    await reconcileInvite(deps, ana.id, eventId, later(1));
    event = storedEvent();
    expect(await reconcileInvite(deps, ana.id, eventId, later(2))).toBe('sent-update');
    expect((await mails()).map((mail) => [mail.subject?.split(':')[0], mail.sequence])).toEqual([
      ['Invitation', 0],
      ['Cancelled', 1],
      ['Updated invitation', 2],
    ]);
  });
});
