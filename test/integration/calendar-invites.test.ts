import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InviteLedgerDetail } from '../../shared/calendar/reconcile-invite.ts';
import { saveEventForUser } from '../../shared/calendar/save-event.ts';
import {
  type InviteUpdateDependencies,
  sendInviteUpdates,
} from '../../shared/calendar/send-invite-updates.ts';
import type { SourceEventContent } from '../../shared/events/event-content.ts';
import { planSourceSync } from '../../shared/events/plan-source-sync.ts';
import type { LocalSes } from '../../shared/local/ses-local.ts';
import { silentLogger } from '../../shared/log/logger.ts';
import { createSesMailer, type Mailer } from '../../shared/mail/mailer.ts';
import { createCalendarStore } from '../../shared/store/calendar-store.ts';
import { canonicalIdFor, createEventStore, type EventStore } from '../../shared/store/event-store.ts';
import { createSavedEventStore } from '../../shared/store/saved-event-store.ts';
import { createSendLedger } from '../../shared/store/send-ledger.ts';
import { createSuppressionList } from '../../shared/store/suppression-list.ts';
import { createUserRepository } from '../../shared/store/user-repository.ts';
import { buildUserProfile } from '../../shared/users/profile-input.ts';
import type { UserProfile } from '../../shared/users/user-profile.ts';
import { eventEntry } from '../support/event-entries.ts';
import { type StoredMail, startTestSes } from '../support/local-ses.ts';
import { createLocalTable, type LocalTable } from '../support/local-table.ts';
import { countRequests } from '../support/request-counter.ts';

const sourceId = 'src_dddddddddddd';
const now = new Date('2030-03-01T09:00:00Z');
const meetup = eventEntry('meetup', {
  title: 'Platform Engineering Day',
  start: '2030-03-12T08:30:00Z',
  end: '2030-03-12T16:00:00Z',
  timeZone: 'Europe/Berlin',
});
const eventId = canonicalIdFor(sourceId, 'meetup');

let ses: LocalSes;
let sesClient: SESv2Client;
let inbox: () => Promise<StoredMail[]>;
let table: LocalTable;
let events: EventStore;
let deps: InviteUpdateDependencies & Parameters<typeof saveEventForUser>[0];
/** Every raw message handed to SES, parsed. */
let sentRaw: Uint8Array[];
/** Makes the next N sends fail before reaching SES. */
let failNextSends: number;
let ana: UserProfile;
let users: ReturnType<typeof createUserRepository>;

beforeAll(async () => {
  ({ ses, client: sesClient, inbox } = await startTestSes());
});
afterAll(() => ses.stop());

async function sync(entries: SourceEventContent[], at: Date) {
  const state = await events.loadSourceState(sourceId);
  return events.applySourceSync(
    sourceId,
    planSourceSync(state, entries, { now: at, allowRemovals: true }),
    at,
  );
}

beforeEach(async () => {
  table = await createLocalTable();
  events = createEventStore(table.documentClient, table.tableName);
  await sync([meetup], now);
  users = createUserRepository(table.documentClient, table.tableName);
  ana = buildUserProfile(
    {
      email: `ana-${table.tableName}@example.org`,
      emailConfirmed: true,
      name: 'Ana',
      timeZone: 'Europe/Berlin',
    },
    now,
  );
  await users.create(ana);
  sentRaw = [];
  failNextSends = 0;
  const ses = createSesMailer(sesClient, {
    configurationSet: null,
    retry: { attempts: 2, pause: async () => {} },
  });
  const mailer: Mailer = {
    sendRaw: async (message) => {
      if (failNextSends > 0) {
        failNextSends -= 1;
        // SES answered with an error: the mail certainly did not go out.
        throw Object.assign(new Error('service unavailable'), {
          name: 'ServiceUnavailable',
          $metadata: { httpStatusCode: 503 },
        });
      }
      sentRaw.push(message.raw);
      return ses.sendRaw(message);
    },
  };
  deps = {
    users,
    events,
    savedEvents: createSavedEventStore(table.documentClient, table.tableName),
    calendars: createCalendarStore(table.documentClient, table.tableName),
    ledger: createSendLedger<InviteLedgerDetail>(table.documentClient, table.tableName, 'invite'),
    suppression: createSuppressionList(table.documentClient, table.tableName),
    mailer,
    identity: { from: 'Trellis <events@trellis.test>', replyTo: null, messageIdDomain: 'trellis.test' },
    logger: silentLogger,
  };
});

async function sentInvites() {
  return Promise.all(
    sentRaw.map(async (raw) => {
      const mail = await simpleParser(Buffer.from(raw));
      const ics =
        mail.attachments.find((part) => part.filename === 'invite.ics')?.content.toString('utf8') ?? '';
      const calendar = new ICAL.Component(ICAL.parse(ics));
      const vevent = calendar.getFirstSubcomponent('vevent') as ICAL.Component;
      return {
        subject: mail.subject,
        method: calendar.getFirstPropertyValue('method'),
        uid: vevent.getFirstPropertyValue('uid'),
        sequence: vevent.getFirstPropertyValue('sequence'),
        start: String(vevent.getFirstPropertyValue('dtstart')),
        inReplyTo: mail.inReplyTo ?? null,
        messageId: mail.messageId,
      };
    }),
  );
}

const updateRecords = (eventIds: readonly string[]) =>
  eventIds.map((id, index) => ({ messageId: `m${index}`, body: JSON.stringify({ eventId: id }) }));

describe('calendar invitations', () => {
  it('saves an event and mails one REQUEST; saving again mails nothing more', async () => {
    const first = await saveEventForUser(deps, ana.id, eventId, now);
    const second = await saveEventForUser(deps, ana.id, eventId, now);
    expect([first.saved, first.invite, second.saved, second.invite]).toEqual([
      'saved',
      'sent-invite',
      'already-saved',
      'up-to-date',
    ]);
    expect(await sentInvites()).toEqual([
      expect.objectContaining({
        subject: 'Invitation: Platform Engineering Day · Tue 12 Mar, 09:30–17:00 CET',
        method: 'REQUEST',
        uid: `${eventId}@trellis`,
        sequence: 0,
      }),
    ]);
    const delivered = (await inbox()).filter((mail) =>
      mail.destination.to.some((to) => to.includes(ana.email)),
    );
    expect(delivered.map((mail) => mail.subject)).toEqual([
      'Invitation: Platform Engineering Day · Tue 12 Mar, 09:30–17:00 CET',
    ]);
  });

  it('saved twice at the same moment by one user: one saved record, one invitation in the inbox', async () => {
    const both = await Promise.all([
      saveEventForUser(deps, ana.id, eventId, now),
      saveEventForUser(deps, ana.id, eventId, now),
    ]);
    expect(both.map((one) => one.saved).sort()).toEqual(['already-saved', 'saved']);
    // One of them sent it; the other found it being sent (busy) or sent (up-to-date).
    expect(both.map((one) => one.invite).filter((invite) => invite === 'sent-invite')).toHaveLength(1);
    const saved = await table.documentClient.send(
      new ScanCommand({
        TableName: table.tableName,
        FilterExpression: '#type = :type',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': 'saved-event' },
        ConsistentRead: true,
      }),
    );
    expect(saved.Items?.map((item) => [item.userId, item.eventId])).toEqual([[ana.id, eventId]]);
    const delivered = (await inbox()).filter((mail) =>
      mail.destination.to.some((to) => to.includes(ana.email)),
    );
    expect(delivered.map((mail) => mail.subject)).toEqual([
      'Invitation: Platform Engineering Day · Tue 12 Mar, 09:30–17:00 CET',
    ]);
    expect((await deps.savedEvents.get(ana.id, eventId))?.invite?.sequence).toBe(0);
  });

  it('saves with one transaction and sends the invitation in seven requests; saving again costs three', async () => {
    await createCalendarStore(table.documentClient, table.tableName).create(ana.id, 'nonce', 'hash', now);
    const requests = countRequests(table.documentClient);
    await saveEventForUser(deps, ana.id, eventId, now);
    expect(requests.byCommand()).toEqual({
      // saved record, attendee record and the event's flag; then the ledger's SENT mark with the invite recorded
      TransactWriteItemsCommand: 2,
      GetItemCommand: 2, // the event (alongside the save), the profile
      BatchGetItemCommand: 1, // the suppression list
      UpdateItemCommand: 2, // the feed's render dropped, the ledger's claim with its hand-over
    });
    requests.reset();
    await saveEventForUser(deps, ana.id, eventId, now);
    expect(requests.byCommand()).toEqual({ TransactWriteItemsCommand: 1, GetItemCommand: 2 });
  });

  it('sends an update with SEQUENCE 1 when the source moves the event, once, then a CANCEL when it drops it', async () => {
    await saveEventForUser(deps, ana.id, eventId, now);
    const later = new Date(now.getTime() + 3_600_000);
    const moved = await sync(
      [eventEntry('meetup', { ...meetup.content, start: '2030-03-12T10:00:00Z' })],
      later,
    );
    expect(moved.changedSavedEventIds).toEqual([eventId]);
    const updates = await sendInviteUpdates(deps, updateRecords(moved.changedSavedEventIds), later);
    expect(updates.failedMessageIds).toEqual([]);
    // Redelivered: nothing more goes out.
    await sendInviteUpdates(deps, updateRecords(moved.changedSavedEventIds), later);

    const dropped = await sync([], new Date(later.getTime() + 3_600_000));
    expect(dropped.changedSavedEventIds).toEqual([eventId]);
    await sendInviteUpdates(deps, updateRecords(dropped.changedSavedEventIds), later);

    const sent = await sentInvites();
    expect(
      sent.map(({ subject, method, uid, sequence, start }) => ({ subject, method, uid, sequence, start })),
    ).toEqual([
      {
        subject: 'Invitation: Platform Engineering Day · Tue 12 Mar, 09:30–17:00 CET',
        method: 'REQUEST',
        uid: `${eventId}@trellis`,
        sequence: 0,
        start: '2030-03-12T09:30:00',
      },
      {
        subject: 'Updated invitation: Platform Engineering Day · Tue 12 Mar, 11:00–17:00 CET',
        method: 'REQUEST',
        uid: `${eventId}@trellis`,
        sequence: 1,
        start: '2030-03-12T11:00:00',
      },
      {
        subject: 'Cancelled: Platform Engineering Day · Tue 12 Mar, 11:00–17:00 CET',
        method: 'CANCEL',
        uid: `${eventId}@trellis`,
        sequence: 2,
        start: '2030-03-12T11:00:00',
      },
    ]);
    // Updates thread under the first invitation.
    expect(sent[1]?.inReplyTo).toBe(sent[0]?.messageId);
  });

  it('does not announce a change to an event nobody saved, nor a description-only change as an update', async () => {
    const other = eventEntry('other', { title: 'Other Meetup', start: '2030-03-13T18:00:00Z' });
    await sync([meetup, other], now);
    await saveEventForUser(deps, ana.id, eventId, now);
    const result = await sync(
      [
        eventEntry('meetup', { ...meetup.content, description: 'Now with lunch.' }),
        eventEntry('other', { ...other.content, start: '2030-03-13T19:00:00Z' }),
      ],
      now,
    );
    expect(result.changedSavedEventIds).toEqual([eventId]);
    const outcome = await sendInviteUpdates(deps, updateRecords(result.changedSavedEventIds), now);
    expect(outcome.outcomes.map((entry) => entry.outcome)).toEqual(['up-to-date']);
    expect(sentRaw).toHaveLength(1);
  });

  it('retries a send that SES answered with an error, and still mails once', async () => {
    await deps.savedEvents.save(ana.id, eventId, now);
    failNextSends = 1;
    await expect(sendInviteUpdates(deps, updateRecords([eventId]), now)).resolves.toMatchObject({
      failedMessageIds: ['m0'],
    });
    const retry = await sendInviteUpdates(deps, updateRecords([eventId]), now);
    expect(retry.failedMessageIds).toEqual([]);
    expect(retry.outcomes.map((entry) => entry.outcome)).toEqual(['sent-invite']);
    expect(sentRaw).toHaveLength(1);
  });

  it('records the SENT mark and the invitation on the saved event together: a retry sends nothing', async () => {
    await deps.savedEvents.save(ana.id, eventId, now);

    await sendInviteUpdates(deps, updateRecords([eventId]), now);
    const retry = await sendInviteUpdates(deps, updateRecords([eventId]), now);

    expect(retry.outcomes.map((entry) => entry.outcome)).toEqual(['up-to-date']);
    expect(sentRaw).toHaveLength(1);
    expect((await deps.savedEvents.get(ana.id, eventId))?.invite?.sequence).toBe(0);
  });

  it('still marks the send when another invitation was recorded on the saved event meanwhile', async () => {
    await deps.savedEvents.save(ana.id, eventId, now);
    const racing = {
      ...deps,
      mailer: {
        sendRaw: async (mail: Parameters<typeof deps.mailer.sendRaw>[0]) => {
          const sent = await deps.mailer.sendRaw(mail);
          // Another worker records its own invitation between this send and its record.
          await deps.savedEvents.recordInvite(
            ana.id,
            eventId,
            {
              sequence: 0,
              fingerprint: 'other',
              method: 'REQUEST',
              sentAt: now.toISOString(),
              messageId: '<x@y>',
            },
            null,
          );
          return sent;
        },
      },
    };

    const first = await sendInviteUpdates(racing, updateRecords([eventId]), now);
    const retry = await sendInviteUpdates(deps, updateRecords([eventId]), now);

    expect(first.failedMessageIds).toEqual([]);
    // The ledger holds SENT for SEQUENCE 0 although the record was not written: 0 never goes out twice; the
    // next run starts from what the record says (the other worker's copy) and sends SEQUENCE 1.
    expect(retry.failedMessageIds).toEqual([]);
    expect((await sentInvites()).map((invite) => invite.sequence)).toEqual([0, 1]);
    expect((await deps.savedEvents.get(ana.id, eventId))?.invite?.sequence).toBe(1);
  });

  it('never mails a suppressed or unconfirmed address', async () => {
    await createSuppressionList(table.documentClient, table.tableName).suppress(
      ana.email,
      'bounce',
      'mailbox does not exist',
      now,
    );
    expect((await saveEventForUser(deps, ana.id, eventId, now)).invite).toBe('suppressed');
    const ben = buildUserProfile({ email: `ben-${table.tableName}@example.org`, emailConfirmed: false }, now);
    await users.create(ben);
    expect((await saveEventForUser(deps, ben.id, eventId, now)).invite).toBe('unconfirmed');
    expect(sentRaw).toHaveLength(0);
  });
});
