import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, localDate } from '../../shared/contacts/next-due-date.ts';
import { createDocumentClient } from '../../shared/store/dynamo-client.ts';
import { createReminderSlots } from '../../shared/store/reminder-slots.ts';

const cli = fileURLToPath(new URL('../../bin/trellis.ts', import.meta.url));
const zone = 'Pacific/Auckland';

let dir: string;
// The CLI's own mode on the run's DynamoDB Local (TRELLIS_DYNAMO_ENDPOINT), in a table of this file's:
// starting a JVM per command is tried once, in cli.test.ts.
const dynamoEndpoint = inject('dynamoEndpoint');
const tableName = `contacts-cli-${randomUUID().slice(0, 8)}`;

function trellis(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      {
        env: {
          ...process.env,
          TRELLIS_DATA_DIR: join(dir, 'data'),
          TRELLIS_DYNAMO_ENDPOINT: dynamoEndpoint,
          TABLE_NAME: tableName,
        },
        timeout: 30_000,
      },
      (error, stdout, stderr) => {
        resolve({
          code: error ? Number((error as NodeJS.ErrnoException & { code?: number }).code ?? 1) : 0,
          stdout,
          stderr,
        });
      },
    );
  });
}

/** The users in the 09:00 reminder slot of `zone`, read from the data folder the CLI left behind. */
async function usersInReminderSlot(): Promise<string[]> {
  const client = createDocumentClient({ endpoint: dynamoEndpoint });
  try {
    return await createReminderSlots(client, tableName).listInSlot(zone, 9);
  } finally {
    client.destroy();
  }
}

async function addUser(email: string): Promise<string> {
  const added = await trellis(['users', 'add', email, '--tz', zone, '--confirmed']);
  expect(added.code).toBe(0);
  const id = /\((usr_[0-9a-f]+)\)/.exec(added.stdout)?.[1];
  if (!id) throw new Error(`no user id in ${added.stdout}`);
  return id;
}

async function addContact(email: string, args: string[]): Promise<string> {
  const added = await trellis(['contacts', 'add', '--user', email, ...args]);
  expect(added.stderr).toBe('');
  expect(added.code).toBe(0);
  const id = /^added (con_[0-9a-f]{16}) /.exec(added.stdout)?.[1];
  if (!id) throw new Error(`no contact id in ${added.stdout}`);
  return id;
}

interface ListedContact {
  id: string;
  name: string;
  cadence: { every: number; unit: string };
  lastContactedOn: string | null;
  snoozedUntil: string | null;
  paused: boolean;
  nextDueOn: string;
}

async function listed(email: string): Promise<ListedContact[]> {
  const result = await trellis(['contacts', 'list', '--user', email, '--json']);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as ListedContact[];
}

/** The reader's date, as the CLI computes it (a run across local midnight could see two dates). */
const today = () => localDate(new Date(), zone);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trellis-contacts-cli-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Every command starts its own embedded store: a few seconds each on a busy machine.
describe('trellis contacts', { timeout: 120_000 }, () => {
  it('adds a contact with its relationship default cadence, lists it by next due date and puts the reader in the reminder slot', async () => {
    const userId = await addUser('lea@example.org');
    const last = addDays(today(), -10);
    const mentor = await addContact('lea@example.org', [
      '--name',
      'Jonas Weber',
      '--relationship',
      'mentor',
      '--org',
      'CNCF Berlin',
      '--topics',
      'kubernetes,devops',
      '--last',
      last,
    ]);
    const peer = await addContact('lea@example.org', ['--name', 'Kim Park', '--relationship', 'peer']);

    const table = await trellis(['contacts', 'list', '--user', 'lea@example.org']);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^ID\s+NAME\s+RELATIONSHIP\s+CADENCE\s+LAST CONTACTED\s+NEXT DUE\s+STATE$/);
    // The mentor is due first: 10 days ago + 6 weeks, before the peer's 8 weeks from today.
    expect(lines[1]?.split(/\s{2,}/)).toEqual([
      mentor,
      'Jonas Weber',
      'mentor',
      'every 6 weeks',
      last,
      addDays(last, 42),
    ]);
    expect(lines[2]?.split(/\s{2,}/)).toEqual([
      peer,
      'Kim Park',
      'peer',
      'every 8 weeks',
      '-',
      addDays(today(), 56),
    ]);

    expect(await usersInReminderSlot()).toEqual([userId]);
  });

  it('moves the next due date when we talked, and never back for an older conversation', async () => {
    await addUser('ravi@example.org');
    const id = await addContact('ravi@example.org', [
      '--name',
      'Priya Shah',
      '--relationship',
      'mentee',
      '--last',
      addDays(today(), -40),
    ]);
    expect((await listed('ravi@example.org'))[0]).toMatchObject({ id, nextDueOn: addDays(today(), -12) });

    const earlier = await trellis([
      'contacts',
      'done',
      '--user',
      'ravi@example.org',
      '--contact',
      id,
      '--on',
      addDays(today(), -2),
    ]);
    expect(earlier.stdout).toBe(
      `Priya Shah: talked on ${addDays(today(), -2)}; next due ${addDays(today(), 26)}\n`,
    );

    const now = await trellis(['contacts', 'done', '--user', 'ravi@example.org', '--contact', id]);
    expect(now.stdout).toBe(`Priya Shah: talked on ${today()}; next due ${addDays(today(), 28)}\n`);

    const older = await trellis([
      'contacts',
      'done',
      '--user',
      'ravi@example.org',
      '--contact',
      id,
      '--on',
      addDays(today(), -5),
    ]);
    expect(older.code).toBe(0);
    expect(await listed('ravi@example.org')).toMatchObject([
      { id, lastContactedOn: today(), nextDueOn: addDays(today(), 28) },
    ]);
  });

  it('snoozes from today when overdue and from the due date when that is still ahead', async () => {
    await addUser('maya@example.org');
    const overdue = await addContact('maya@example.org', [
      '--name',
      'Tomás Ruiz',
      '--relationship',
      'peer',
      '--last',
      addDays(today(), -100),
    ]);
    const ahead = await addContact('maya@example.org', ['--name', 'Ada Obi', '--relationship', 'mentor']);

    const snoozed = await trellis(['contacts', 'snooze', '--user', 'maya@example.org', '--contact', overdue]);
    expect(snoozed.stdout).toBe(`Tomás Ruiz: snoozed, next due ${addDays(today(), 7)}\n`);
    await trellis(['contacts', 'snooze', '--user', 'maya@example.org', '--contact', ahead, '--days', '3']);

    expect(await listed('maya@example.org')).toMatchObject([
      { id: overdue, snoozedUntil: addDays(today(), 7), nextDueOn: addDays(today(), 7) },
      { id: ahead, snoozedUntil: addDays(today(), 45), nextDueOn: addDays(today(), 45) },
    ]);
    const table = (await trellis(['contacts', 'list', '--user', 'maya@example.org'])).stdout;
    expect(table).toMatch(/Tomás Ruiz .* snoozed\n/);
  });

  it('changes only the given fields on update, and a pause and --resume', async () => {
    await addUser('sam@example.org');
    const last = addDays(today(), -3);
    const id = await addContact('sam@example.org', [
      '--name',
      'Claire Dubois',
      '--relationship',
      'sponsor',
      '--last',
      last,
      '--notes',
      'Quarterly check-in',
    ]);

    const every = await trellis([
      'contacts',
      'update',
      '--user',
      'sam@example.org',
      '--contact',
      id,
      '--every',
      '2',
    ]);
    expect(every.stdout).toBe(
      `updated ${id} Claire Dubois (sponsor, every 2 weeks); next due ${addDays(last, 14)}\n`,
    );
    const unit = await trellis([
      'contacts',
      'update',
      '--user',
      'sam@example.org',
      '--contact',
      id,
      '--unit',
      'days',
      '--paused',
    ]);
    expect(unit.stdout).toBe(
      `updated ${id} Claire Dubois (sponsor, every 2 days, paused); next due ${addDays(last, 2)}\n`,
    );
    expect((await trellis(['contacts', 'list', '--user', 'sam@example.org'])).stdout).toMatch(/ paused\n$/);

    await trellis(['contacts', 'update', '--user', 'sam@example.org', '--contact', id, '--resume']);
    expect(await listed('sam@example.org')).toMatchObject([
      {
        id,
        paused: false,
        cadence: { every: 2, unit: 'days' },
        lastContactedOn: last,
        nextDueOn: addDays(last, 2),
      },
    ]);
    const table = (await trellis(['contacts', 'list', '--user', 'sam@example.org'])).stdout;
    expect(table).toMatch(/ overdue 1 day\n$/);
  });

  it('takes the reader out of the reminder slot when the last contact is removed', async () => {
    const userId = await addUser('noor@example.org');
    const first = await addContact('noor@example.org', ['--name', 'A One', '--relationship', 'other']);
    const second = await addContact('noor@example.org', ['--name', 'B Two', '--relationship', 'other']);

    expect(
      (await trellis(['contacts', 'remove', '--user', 'noor@example.org', '--contact', first])).stdout,
    ).toBe(`removed ${first} A One\n`);
    expect(await usersInReminderSlot()).toContain(userId);
    expect(
      (await trellis(['contacts', 'remove', '--user', 'noor@example.org', '--contact', second])).stdout,
    ).toBe(`removed ${second} B Two (no contacts left: no reminders)\n`);
    expect(await usersInReminderSlot()).not.toContain(userId);
    expect((await trellis(['contacts', 'list', '--user', 'noor@example.org'])).stdout).toBe(
      'no contacts for noor@example.org yet\n',
    );
  });

  it('exits non-zero with one clear line for invalid input and unknown contacts', async () => {
    await addUser('kai@example.org');
    const line = (result: { stderr: string }) => result.stderr.trimEnd().split('\n');

    const relationship = await trellis([
      'contacts',
      'add',
      '--user',
      'kai@example.org',
      '--name',
      'X',
      '--relationship',
      'boss',
    ]);
    expect(relationship.code).toBe(2);
    expect(line(relationship)).toEqual([
      'trellis: invalid input: --relationship: must be one of mentor, mentee, peer, sponsor, potential-mentor, other',
    ]);

    const tomorrow = addDays(today(), 1);
    const future = await trellis([
      'contacts',
      'add',
      '--user',
      'kai@example.org',
      '--name',
      'X',
      '--relationship',
      'peer',
      '--last',
      tomorrow,
    ]);
    expect(future.code).toBe(1);
    expect(line(future)).toEqual([`trellis: last contacted ${tomorrow} is after today (${today()})`]);

    const unknown = await trellis(['contacts', 'done', '--user', 'kai@example.org', '--contact', 'con_0000']);
    expect(unknown.code).toBe(1);
    expect(line(unknown)).toEqual(['trellis: no contact con_0000 for kai@example.org']);

    const fields = await trellis([
      'contacts',
      'add',
      '--user',
      'kai@example.org',
      '--name',
      'X',
      '--relationship',
      'peer',
      '--every',
      '400',
      '--topics',
      'knitting',
    ]);
    expect(fields.code).toBe(2);
    expect(line(fields)).toHaveLength(1);
    expect(fields.stderr).toContain('--every: must be at most 365');
    expect(fields.stderr).toContain('--topics: must be one of:');

    const noUser = await trellis(['contacts', 'list', '--user', 'nobody@example.org']);
    expect(noUser.code).toBe(1);
    expect(line(noUser)).toEqual(['trellis: no user nobody@example.org']);

    expect(await listed('kai@example.org')).toEqual([]);
  });
});
