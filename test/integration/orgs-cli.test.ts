import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '../../shared/store/dynamo-client.ts';
import { createReminderSlots } from '../../shared/store/reminder-slots.ts';

/*
 * `trellis orgs` on the run's DynamoDB Local: follow and unfollow, a membership with a renewal date
 * (which puts the reader on the reminder schedule), the suggestions as JSON, and leaving.
 */

const cli = fileURLToPath(new URL('../../bin/trellis.ts', import.meta.url));
const zone = 'Europe/Berlin';
let dir: string;
const dynamoEndpoint = inject('dynamoEndpoint');
const tableName = `orgs-cli-${randomUUID().slice(0, 8)}`;

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

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trellis-orgs-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('trellis orgs', () => {
  it('follows, marks a membership with a renewal date, lists it, and leaves', async () => {
    const email = 'orgs-cli@example.org';
    const added = await trellis(['users', 'add', email, '--tz', zone, '--confirmed']);
    expect(added.code).toBe(0);
    const userId = /\((usr_[0-9a-f]+)\)/.exec(added.stdout)?.[1] ?? '';

    const follow = await trellis(['orgs', 'follow', '--user', email, '--org', 'CNCF Berlin']);
    expect(follow.stderr).toBe('');
    expect(follow.stdout).toContain('following CNCF Berlin');
    const unfollow = await trellis(['orgs', 'unfollow', '--user', email, '--org', 'cncf-berlin']);
    expect(unfollow.stdout).toContain('no longer following');
    const again = await trellis(['orgs', 'unfollow', '--user', email, '--org', 'CNCF Berlin']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('not following CNCF Berlin');

    const bad = await trellis([
      'orgs',
      'member',
      '--user',
      email,
      '--org',
      'CNCF Berlin',
      '--renews',
      '2031-02-30',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--renews');
    const member = await trellis([
      'orgs',
      'member',
      '--user',
      email,
      '--org',
      'CNCF Berlin',
      '--renews',
      '2031-03-01',
    ]);
    expect(member.stderr).toBe('');
    expect(member.stdout).toContain('member of CNCF Berlin; renews 2031-03-01');
    const client = createDocumentClient({ endpoint: dynamoEndpoint });
    try {
      expect(await createReminderSlots(client, tableName).listInSlot(zone, 9)).toContain(userId);
      const listed = await trellis(['orgs', '--user', email, '--json']);
      expect(JSON.parse(listed.stdout).memberships).toMatchObject([
        { organization: 'CNCF Berlin', renewsOn: '2031-03-01' },
      ]);
      const text = await trellis(['orgs', '--user', email]);
      expect(text.stdout).toContain('CNCF Berlin (member, renews 2031-03-01)');
      const left = await trellis(['orgs', 'leave', '--user', email, '--org', 'CNCF Berlin']);
      expect(left.stdout).toContain('no longer a member of CNCF Berlin');
      expect(await createReminderSlots(client, tableName).listInSlot(zone, 9)).not.toContain(userId);
    } finally {
      client.destroy();
    }
  }, 90_000);
});
