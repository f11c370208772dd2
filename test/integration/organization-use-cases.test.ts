import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addContact } from '../../shared/contacts/add-contact.ts';
import { planSourceSync } from '../../shared/events/plan-source-sync.ts';
import type { LocalSes } from '../../shared/local/ses-local.ts';
import { silentLogger } from '../../shared/log/logger.ts';
import { createSesMailer } from '../../shared/mail/mailer.ts';
import {
  followOrganization,
  isFollowing,
  unfollowOrganization,
} from '../../shared/organizations/follow-organization.ts';
import { leaveOrganization, setMembership } from '../../shared/organizations/membership-actions.ts';
import {
  MembershipNotFoundError,
  NotFollowingError,
} from '../../shared/organizations/organization-errors.ts';
import { suggestOrganizations } from '../../shared/organizations/suggest-organizations.ts';
import { type ReminderLedgerDetail, sendReminderBatch } from '../../shared/reminders/send-reminders.ts';
import { createContactDependencies } from '../../shared/store/contact-dependencies.ts';
import { canonicalIdFor } from '../../shared/store/event-store.ts';
import {
  createOrganizationDependencies,
  type OrganizationStores,
} from '../../shared/store/membership-dependencies.ts';
import {
  createProfileDependencies,
  type ProfileDependencies,
} from '../../shared/store/profile-dependencies.ts';
import { createSendLedger } from '../../shared/store/send-ledger.ts';
import { createSuppressionList } from '../../shared/store/suppression-list.ts';
import { registerUser } from '../../shared/users/register-user.ts';
import { updateProfile } from '../../shared/users/update-profile.ts';
import type { UserProfile } from '../../shared/users/user-profile.ts';
import { eventEntry } from '../support/event-entries.ts';
import { startTestSes } from '../support/local-ses.ts';
import { createLocalTable, type LocalTable } from '../support/local-table.ts';

/*
 * The organization use cases against DynamoDB Local: suggestions from stored and saved events, follows
 * through the profile, memberships and their place in the reminder schedule, and the renewal line in
 * the daily reminder mail.
 */

// Wednesday 2030-03-06, 09:00 in Berlin (CET).
const now = new Date('2030-03-06T08:00:30Z');
const today = '2030-03-06';
const dayMs = 86_400_000;
const iso = (days: number) => new Date(now.getTime() + days * dayMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
const wieSource = 'src_wie000000000';
const circleSource = 'src_circle000000';

let table: LocalTable;
let stores: OrganizationStores;
let profiles: ProfileDependencies;
let ses: LocalSes;
let sesClient: SESv2Client;

beforeAll(async () => {
  table = await createLocalTable();
  stores = createOrganizationDependencies(table.documentClient, table.tableName);
  profiles = createProfileDependencies(table.documentClient, table.tableName);
  ({ ses, client: sesClient } = await startTestSes());
  const online = { online: true, place: null, location: null, end: null } as const;
  const wie = (id: string, days: number) =>
    eventEntry(id, {
      ...online,
      title: `Leadership Circle ${id}`,
      start: iso(days),
      tags: ['leadership'],
      kind: 'professional-org',
      organization: 'Women in Engineering Network',
      organizer: 'Women in Engineering Network',
      url: `https://wie.example/events/${id}`,
    });
  const meeting = (id: string, days: number) =>
    eventEntry(id, {
      ...online,
      title: `Product Leaders Circle ${id}`,
      start: iso(days),
      tags: ['product-management'],
      kind: 'peer-group',
      organization: 'Product Leaders Circle',
      organizer: 'Product Leaders Circle',
      url: null,
    });
  const sync = async (sourceId: string, entries: ReturnType<typeof eventEntry>[]) =>
    stores.events.applySourceSync(
      sourceId,
      planSourceSync(new Map(), entries, { now, allowRemovals: true }),
      new Date(now.getTime() - 30 * dayMs),
    );
  await sync(wieSource, [wie('w1', 3), wie('w2', 12), wie('w3', 40), wie('w-late', 120)]);
  await sync(circleSource, [meeting('c1', -20), meeting('c2', -6), meeting('c3', 8)]);
}, 120_000);
afterAll(async () => {
  table.documentClient.destroy();
  await ses.stop();
});

let people = 0;
async function newReader(): Promise<UserProfile> {
  people += 1;
  const reader = await registerUser(
    { users: stores.users },
    { email: `reader-${people}@example.org`, emailConfirmed: true, timeZone: 'Europe/Berlin' },
    now,
  );
  return updateProfile(profiles, reader, { topics: ['leadership'], onlineOk: true }, now);
}

const inSlot = async (reader: UserProfile, timeZone = reader.timeZone, hour = reader.reminderHour) =>
  (await stores.slots.listInSlot(timeZone, hour)).includes(reader.id);

describe('organizations worth joining', () => {
  it('ranks the organizations behind the reader’s matching events of the next 90 days, with their next events', async () => {
    const reader = await newReader();
    const { organizations } = await suggestOrganizations(stores, reader, now);
    expect(organizations.map((one) => one.name)).toEqual(['Women in Engineering Network']);
    const [wie] = organizations;
    expect(wie?.relevantEventCount).toBe(3);
    expect(wie?.kind).toBe('professional-org');
    expect(wie?.website).toBe('https://wie.example');
    expect(wie?.nextEvents.map((event) => event.title)).toEqual([
      'Leadership Circle w1',
      'Leadership Circle w2',
      'Leadership Circle w3',
    ]);
  });

  it('puts first a peer group whose meetings the reader saved twice', async () => {
    const reader = await newReader();
    for (const id of ['c1', 'c2'])
      expect((await stores.savedEvents.save(reader.id, canonicalIdFor(circleSource, id), now)).outcome).toBe(
        'saved',
      );
    const { organizations } = await suggestOrganizations(stores, reader, now);
    expect(organizations.map((one) => [one.name, one.attendsRegularly])).toEqual([
      ['Product Leaders Circle', true],
      ['Women in Engineering Network', false],
    ]);
    expect(organizations[0]?.why[0]).toContain('You saved 2 of their meetings');
  });
});

describe('following an organization', () => {
  it('adds it to the profile once (names compared as the matcher does) and takes it away again', async () => {
    const reader = await newReader();
    const followed = await followOrganization(profiles, reader, 'Women in Engineering Network', now);
    expect(followed.changed).toBe(true);
    const stored = (await stores.users.get(reader.id)) as UserProfile;
    expect(stored.followedOrganizations).toEqual(['Women in Engineering Network']);
    expect((await followOrganization(profiles, stored, 'women-in-engineering network', now)).changed).toBe(
      false,
    );
    const { organizations } = await suggestOrganizations(stores, stored, now);
    expect(organizations[0]?.followed).toBe(true);
    const unfollowed = await unfollowOrganization(profiles, stored, 'WOMEN IN ENGINEERING NETWORK', now);
    expect(isFollowing(unfollowed.profile, 'Women in Engineering Network')).toBe(false);
    expect(((await stores.users.get(reader.id)) as UserProfile).followedOrganizations).toEqual([]);
    await expect(unfollowOrganization(profiles, unfollowed.profile, 'Nobody', now)).rejects.toThrow(
      NotFollowingError,
    );
  });
});

describe('memberships', () => {
  it('puts a reader on the reminder schedule only while a membership has a renewal date', async () => {
    const reader = await newReader();
    const plain = await setMembership(stores, reader, { organization: 'Product Leaders Circle' }, now);
    expect(plain.created).toBe(true);
    expect(await stores.slots.get(reader.id)).toBeNull();
    const dated = await setMembership(
      stores,
      reader,
      { organization: 'product leaders circle', renewsOn: '2030-09-01' },
      now,
    );
    expect(dated.created).toBe(false);
    expect(dated.membership.organization).toBe('Product Leaders Circle');
    expect(await inSlot(reader)).toBe(true);
    expect((await stores.slots.get(reader.id))?.contactCount).toBe(1);
    // A new date keeps the count; a zone change moves the slot like a contact's.
    await setMembership(
      stores,
      reader,
      { organization: 'Product Leaders Circle', renewsOn: '2030-10-01' },
      now,
    );
    expect((await stores.slots.get(reader.id))?.contactCount).toBe(1);
    const moved = await updateProfile(profiles, reader, { timeZone: 'America/New_York' }, now);
    expect(await inSlot(moved, 'America/New_York')).toBe(true);
    expect(await inSlot(reader, 'Europe/Berlin')).toBe(false);
    await setMembership(stores, moved, { organization: 'Product Leaders Circle', renewsOn: '' }, now);
    expect(await stores.slots.get(reader.id)).toBeNull();
    const { memberships } = await suggestOrganizations(stores, moved, now);
    expect(memberships.map((one) => [one.organization, one.renewsOn])).toEqual([
      ['Product Leaders Circle', null],
    ]);
    await leaveOrganization(stores, reader.id, 'Product Leaders Circle');
    expect(await stores.memberships.listForUser(reader.id)).toEqual([]);
    await expect(leaveOrganization(stores, reader.id, 'Product Leaders Circle')).rejects.toThrow(
      MembershipNotFoundError,
    );
  });

  it('shares the slot with contacts: leaving keeps it while a contact is left, and the last one drops it', async () => {
    const reader = await newReader();
    const contacts = createContactDependencies(table.documentClient, table.tableName);
    await addContact(contacts, reader, { name: 'Jonas', relationship: 'mentor' }, now);
    await setMembership(stores, reader, { organization: 'CNCF Berlin', renewsOn: '2030-05-01' }, now);
    expect((await stores.slots.get(reader.id))?.contactCount).toBe(2);
    await leaveOrganization(stores, reader.id, 'CNCF Berlin');
    expect((await stores.slots.get(reader.id))?.contactCount).toBe(1);
    await setMembership(stores, reader, { organization: 'CNCF Berlin', renewsOn: '2030-05-01' }, now);
    const [contact] = await contacts.contacts.listForUser(reader.id);
    await contacts.contacts.remove(reader.id, contact?.id ?? '');
    await leaveOrganization(stores, reader.id, 'CNCF Berlin');
    expect(await stores.slots.get(reader.id)).toBeNull();
  });
});

describe('the renewal reminder', () => {
  it('says "Your membership of X renews on …" in the daily mail 30 days before, once per renewal date', async () => {
    const reader = await newReader();
    await setMembership(stores, reader, { organization: 'CNCF Berlin', renewsOn: '2030-04-05' }, now);
    await setMembership(
      stores,
      reader,
      { organization: 'Women in Engineering Network', renewsOn: '2030-06-01' },
      now,
    );
    const sent: Uint8Array[] = [];
    const mailer = createSesMailer(sesClient, {
      configurationSet: null,
      retry: { attempts: 2, pause: async () => {} },
    });
    const deps = {
      users: stores.users,
      contacts: createContactDependencies(table.documentClient, table.tableName).contacts,
      memberships: stores.memberships,
      events: stores.events,
      ledger: createSendLedger<ReminderLedgerDetail>(table.documentClient, table.tableName, 'reminder'),
      suppression: createSuppressionList(table.documentClient, table.tableName),
      mailer: {
        sendRaw: async (message: Parameters<typeof mailer.sendRaw>[0]) => {
          sent.push(message.raw);
          return mailer.sendRaw(message);
        },
      },
      identity: { from: 'Trellis <reminders@trellis.test>', replyTo: null, messageIdDomain: 'trellis.test' },
      links: async () => ({
        secret: Buffer.from('a-test-secret-that-is-long-enough'),
        publicBaseUrl: 'https://trellis.test',
      }),
      logger: silentLogger,
    };
    const batch = (localDate: string, at: Date) =>
      sendReminderBatch(
        deps,
        [
          {
            messageId: localDate,
            body: JSON.stringify({ userId: reader.id, localDate, dueAt: at.toISOString() }),
          },
        ],
        at,
      );

    // 2030-03-05 is 31 days before: nothing yet.
    expect((await batch('2030-03-05', new Date(now.getTime() - dayMs))).outcomes[0]?.outcome).toBe(
      'nothing-due',
    );
    expect((await batch(today, now)).outcomes[0]?.outcome).toBe('sent');
    const mail = await simpleParser(Buffer.from(sent[0] ?? new Uint8Array()));
    expect(mail.subject).toBe('Your membership of CNCF Berlin renews soon');
    expect(mail.text).toContain('Your membership of CNCF Berlin renews on Fri 5 Apr.');
    expect(mail.text).not.toContain('Women in Engineering Network');
    expect((await stores.memberships.get(reader.id, 'cncf berlin'))?.renewalRemindedFor).toBe('2030-04-05');
    // The next day it is not announced again; a new date is.
    const tomorrow = new Date(now.getTime() + dayMs);
    expect((await batch('2030-03-07', tomorrow)).outcomes[0]?.outcome).toBe('nothing-due');
    await setMembership(stores, reader, { organization: 'CNCF Berlin', renewsOn: '2030-04-06' }, tomorrow);
    expect((await batch('2030-03-08', new Date(now.getTime() + 2 * dayMs))).outcomes[0]?.outcome).toBe(
      'sent',
    );
    expect(sent).toHaveLength(2);
  });
});
