import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeSignIn } from '../../shared/auth/sign-in.ts';
import { addContact } from '../../shared/contacts/add-contact.ts';
import { createContactDependencies } from '../../shared/store/contact-dependencies.ts';
import { userEmailKey, userProfileKey } from '../../shared/store/keys/user-keys.ts';
import {
  createProfileDependencies,
  type ProfileDependencies,
} from '../../shared/store/profile-dependencies.ts';
import { createReminderSlots } from '../../shared/store/reminder-slots.ts';
import { createSignInStore, type SignInStore } from '../../shared/store/sign-in-store.ts';
import { EmailTakenError, UserChangedError, UserExistsError } from '../../shared/store/user-repository.ts';
import { changeEmail } from '../../shared/users/change-email.ts';
import { registerUser } from '../../shared/users/register-user.ts';
import { removeUser } from '../../shared/users/remove-user.ts';
import { updateProfile } from '../../shared/users/update-profile.ts';
import { createLocalTable, type LocalTable } from '../support/local-table.ts';

/*
 * Accounts on DynamoDB Local: a profile and the item that makes its address unique change in one
 * transaction, so no race can make two accounts for one address or leave an address claimed twice.
 */

let table: LocalTable;
let profiles: ProfileDependencies;
let signIns: SignInStore;

beforeAll(async () => {
  table = await createLocalTable();
  profiles = createProfileDependencies(table.documentClient, table.tableName);
  signIns = createSignInStore(table.documentClient, table.tableName);
});
afterAll(() => table.documentClient.destroy());

const now = new Date('2026-12-02T10:00:00Z');
const contactDeps = () => createContactDependencies(table.documentClient, table.tableName);
let counter = 0;
function freshEmail(name: string) {
  counter += 1;
  return `${name}-${counter}@example.org`;
}

async function itemAt(key: { pk: string; sk: string }) {
  const output = await table.documentClient.send(
    new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }),
  );
  return output.Item ?? null;
}

describe('accounts', () => {
  it('makes one user of 20 parallel sign-ups of one address; the others are told it exists', async () => {
    const email = freshEmail('crowd');

    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => registerUser(profiles, { email, emailConfirmed: true }, now)),
    );

    const made = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    expect(made).toHaveLength(1);
    for (const outcome of outcomes)
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(UserExistsError);
    expect((await itemAt(userEmailKey(email)))?.userId).toBe(made[0]?.id);
    expect((await profiles.users.list()).filter((user) => user.email === email)).toHaveLength(1);
  });

  it('signs 20 parallel first sign-ins of one address (20 links) into one new account', async () => {
    const email = freshEmail('links');
    const tokens = Array.from({ length: 20 }, () => randomBytes(32).toString('base64url'));
    for (const token of tokens) await signIns.create(token, email, now);

    const results = await Promise.all(
      tokens.map((token) => completeSignIn({ signIns, users: profiles.users }, token, now)),
    );

    const userIds = new Set(results.map((result) => result?.userId));
    expect(userIds.size).toBe(1);
    expect([...userIds][0]).toMatch(/^usr_/);
    expect(results.filter((result) => result?.firstSignIn)).toHaveLength(1);
    expect((await profiles.users.getByEmail(email))?.emailConfirmed).toBe(true);
    // Every link is used up: none signs in again.
    for (const token of tokens.slice(0, 3))
      expect(await completeSignIn({ signIns, users: profiles.users }, token, now)).toBeNull();
  });

  it('signs in once when the same link is posted twice at once', async () => {
    const email = freshEmail('double');
    const token = randomBytes(32).toString('base64url');
    await signIns.create(token, email, now);

    const results = await Promise.all([
      completeSignIn({ signIns, users: profiles.users }, token, now),
      completeSignIn({ signIns, users: profiles.users }, token, now),
    ]);

    expect(results.filter((result) => result !== null)).toHaveLength(1);
  });

  it('leaves a link usable when the account write fails, and never creates a user from an expired link', async () => {
    const email = freshEmail('expired');
    const token = randomBytes(32).toString('base64url');
    await signIns.create(token, email, new Date(now.getTime() - 16 * 60_000));

    expect(await completeSignIn({ signIns, users: profiles.users }, token, now)).toBeNull();
    expect(await profiles.users.getByEmail(email)).toBeNull();
  });

  it('lets exactly one of two parallel address changes to one address win; the loser keeps its own address', async () => {
    const first = await registerUser(profiles, { email: freshEmail('first'), emailConfirmed: true }, now);
    const second = await registerUser(profiles, { email: freshEmail('second'), emailConfirmed: true }, now);
    const wanted = freshEmail('wanted');
    const later = new Date(now.getTime() + 60_000);

    const outcomes = await Promise.allSettled([
      changeEmail(profiles, first, wanted, later),
      changeEmail(profiles, second, wanted, later),
    ]);

    const winners = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    expect(winners).toHaveLength(1);
    const loser = winners[0]?.id === first.id ? second : first;
    const lost = outcomes.find((outcome) => outcome.status === 'rejected');
    expect(lost?.status === 'rejected' && lost.reason).toBeInstanceOf(EmailTakenError);
    expect((await itemAt(userEmailKey(wanted)))?.userId).toBe(winners[0]?.id);
    // The winner's old address is free again; the loser's is still the loser's.
    const winnerBefore = winners[0]?.id === first.id ? first : second;
    expect(await itemAt(userEmailKey(winnerBefore.email))).toBeNull();
    expect((await itemAt(userEmailKey(loser.email)))?.userId).toBe(loser.id);
    expect((await itemAt(userProfileKey(loser.id)))?.email).toBe(loser.email);
    // A changed address is unconfirmed until its owner signs in with it.
    expect(winners[0]?.emailConfirmed).toBe(false);
  });

  it('writes nothing when the profile changed since it was read', async () => {
    const user = await registerUser(profiles, { email: freshEmail('stale'), emailConfirmed: true }, now);
    await updateProfile(profiles, user, { name: 'Fresh' }, new Date(now.getTime() + 1000));

    const stale = changeEmail(profiles, user, freshEmail('never'), new Date(now.getTime() + 2000));

    await expect(stale).rejects.toBeInstanceOf(UserChangedError);
    expect((await itemAt(userEmailKey(user.email)))?.userId).toBe(user.id);
    expect((await itemAt(userProfileKey(user.id)))?.name).toBe('Fresh');
  });

  it('moves the reminder slot with the zone, and finds digest readers by slot through the keys-only index', async () => {
    const user = await registerUser(
      profiles,
      { email: freshEmail('mover'), emailConfirmed: true, timeZone: 'Europe/Berlin', digestHour: 7 },
      now,
    );
    const slots = createReminderSlots(table.documentClient, table.tableName);
    await addContact(contactDeps(), user, { name: 'Jonas', relationship: 'mentor' }, now);

    expect(await profiles.users.listInDigestSlot('Europe/Berlin', 'monday', 7)).toContain(user.id);
    await updateProfile(
      profiles,
      user,
      { timeZone: 'Asia/Kolkata', reminderHour: 8 },
      new Date(now.getTime() + 1000),
    );

    expect(await slots.listInSlot('Europe/Berlin', 9)).not.toContain(user.id);
    expect(await slots.listInSlot('Asia/Kolkata', 8)).toContain(user.id);
    expect(await profiles.users.listInDigestSlot('Europe/Berlin', 'monday', 7)).not.toContain(user.id);
    expect(await profiles.users.listInDigestSlot('Asia/Kolkata', 'monday', 7)).toContain(user.id);
    expect(await profiles.users.listDigestZones()).toContain('Asia/Kolkata');
  });

  it('saves the profile of a user without contacts without creating a reminder slot', async () => {
    const user = await registerUser(profiles, { email: freshEmail('nocontacts') }, now);
    const slots = createReminderSlots(table.documentClient, table.tableName);

    await updateProfile(profiles, user, { timeZone: 'America/Chicago' }, new Date(now.getTime() + 1000));

    expect(await slots.listInSlot('America/Chicago', 9)).not.toContain(user.id);
    expect((await profiles.users.get(user.id))?.timeZone).toBe('America/Chicago');
  });

  it('closes an account: profile, address and reminder slot go together', async () => {
    const user = await registerUser(
      profiles,
      { email: freshEmail('leaver'), emailConfirmed: true, timeZone: 'Europe/Paris' },
      now,
    );
    const slots = createReminderSlots(table.documentClient, table.tableName);
    await addContact(contactDeps(), user, { name: 'Jonas', relationship: 'mentor' }, now);
    expect(await slots.listInSlot('Europe/Paris', 9)).toContain(user.id);

    await removeUser(profiles, user.email);

    expect(await profiles.users.get(user.id)).toBeNull();
    expect(await itemAt(userEmailKey(user.email))).toBeNull();
    expect(await slots.listInSlot('Europe/Paris', 9)).not.toContain(user.id);
    // The address can make a new account again.
    await expect(registerUser(profiles, { email: user.email }, now)).resolves.toBeTruthy();
  });
});
