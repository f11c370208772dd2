import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type DigestLedgerDetail, sendDigestBatch } from '../../shared/digest/send-digests.ts';
import type { LocalSes } from '../../shared/local/ses-local.ts';
import { silentLogger } from '../../shared/log/logger.ts';
import { handleSesEvents } from '../../shared/mail/handle-ses-events.ts';
import { createSesMailer } from '../../shared/mail/mailer.ts';
import { createEventStore } from '../../shared/store/event-store.ts';
import { ledgerKey } from '../../shared/store/keys/ledger-keys.ts';
import { createLedgerEvidence } from '../../shared/store/ledger-evidence.ts';
import { createSendLedger } from '../../shared/store/send-ledger.ts';
import { createSuppressionList } from '../../shared/store/suppression-list.ts';
import { createUserRepository } from '../../shared/store/user-repository.ts';
import { buildUserProfile } from '../../shared/users/profile-input.ts';
import { type StoredMail, startTestSes } from '../support/local-ses.ts';
import { createLocalTable, type LocalTable } from '../support/local-table.ts';

/*
 * The duplicate window of the send ledger, tried for real: the sender is a process of its own, its SES
 * calls go through a loopback proxy that lets SES take the mail and then kills the sender (SIGKILL)
 * before SES's answer reaches it, so the SENT mark is never written. Run again after the lease, it
 * must not send a second mail; SES's Send event (built from the tags the mail really carried) then
 * completes the ledger.
 */

const now = new Date('2030-03-04T07:00:30Z');
const isoWeek = '2030-W10';
let ses: LocalSes;
let inbox: () => Promise<StoredMail[]>;
let sesClient: Awaited<ReturnType<typeof startTestSes>>['client'];
let table: LocalTable;
let proxy: Server;
let proxyEndpoint: string;
/** What the sender asked SES to send (SendEmail's JSON body), as the proxy saw it. */
const requests: { EmailTags?: { Name: string; Value: string }[] }[] = [];
let killSender: () => void = () => {};

beforeAll(async () => {
  ({ ses, inbox, client: sesClient } = await startTestSes());
  table = await createLocalTable();
  proxy = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const body = Buffer.concat(chunks);
      requests.push(JSON.parse(body.toString('utf8')));
      const answer = await fetch(`${ses.endpoint}${request.url ?? '/'}`, {
        method: request.method ?? 'POST',
        headers: Object.fromEntries(
          Object.entries(request.headers).flatMap(([name, value]) =>
            typeof value === 'string' && name !== 'host' && name !== 'content-length' ? [[name, value]] : [],
          ),
        ),
        body,
      });
      expect(answer.status).toBe(200);
      await answer.arrayBuffer();
      // SES took the mail and answered; the sender dies before it hears so.
      killSender();
      response.destroy();
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyEndpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve));
  await ses.stop();
});

function runSenderUntilKilled(message: object): Promise<{ signal: NodeJS.Signals | null; stdout: string }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, '../support/digest-sender-process.ts')], {
    env: {
      ...process.env,
      TEST_DYNAMODB_ENDPOINT: table.endpoint,
      TEST_TABLE: table.tableName,
      TEST_SES_ENDPOINT: proxyEndpoint,
      TEST_DIGEST_MESSAGE: JSON.stringify(message),
      TEST_NOW: now.toISOString(),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  killSender = () => child.kill('SIGKILL');
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  return new Promise((resolve) => child.on('exit', (_code, signal) => resolve({ signal, stdout })));
}

it('sends one mail when the sender is killed between SES taking it and the SENT mark', async () => {
  const users = createUserRepository(table.documentClient, table.tableName);
  const profile = buildUserProfile(
    {
      email: 'killed-sender@example.org',
      emailConfirmed: true,
      timeZone: 'Europe/Berlin',
      digestDay: 'monday',
      digestHour: 8,
      topics: ['kubernetes'],
      quietWeekNotes: true,
    },
    now,
  );
  await users.create(profile);
  const message = { userId: profile.id, isoWeek, dueAt: '2030-03-04T07:00:00.000Z' };

  const killed = await runSenderUntilKilled(message);
  expect(killed).toEqual({ signal: 'SIGKILL', stdout: '' });
  expect(await inbox()).toHaveLength(1);
  const entry = async () =>
    (
      await table.documentClient.send(
        new GetCommand({ TableName: table.tableName, Key: ledgerKey(profile.id, 'digest', isoWeek) }),
      )
    ).Item;
  expect(await entry()).toMatchObject({ status: 'handing' });

  const deps = {
    users,
    events: createEventStore(table.documentClient, table.tableName),
    ledger: createSendLedger<DigestLedgerDetail>(table.documentClient, table.tableName, 'digest'),
    suppression: createSuppressionList(table.documentClient, table.tableName),
    mailer: createSesMailer(sesClient, { configurationSet: null }),
    identity: { from: 'Trellis <digest@trellis.test>', replyTo: null, messageIdDomain: 'trellis.test' },
    links: async () => ({ secret: Buffer.from('a-test-secret-that-is-long-enough-to-sign-links') }),
    publicBaseUrl: 'http://127.0.0.1:3000',
    unsubscribeMailto: 'unsubscribe@trellis.test',
    windowDays: 14,
    logger: silentLogger,
  };
  const records = [{ messageId: 'm0', body: JSON.stringify(message) }];
  // After the lease: nothing yet says whether SES took it, so it is held, not sent again.
  const afterLease = await sendDigestBatch(deps, records, new Date(now.getTime() + 6 * 60_000));
  expect(afterLease.outcomes.map((outcome) => outcome.outcome)).toEqual(['held']);
  expect(await inbox()).toHaveLength(1);

  // SES's Send event for the mail, carrying the tags the mail was sent with.
  const tags = Object.fromEntries((requests[0]?.EmailTags ?? []).map((tag) => [tag.Name, [tag.Value]]));
  expect(Object.keys(tags)).toEqual(['trellis-ledger']);
  const handled = await handleSesEvents(
    {
      suppression: deps.suppression,
      ledger: createLedgerEvidence(table.documentClient, table.tableName),
      logger: silentLogger,
    },
    [
      {
        id: 'sns-1',
        body: JSON.stringify({
          eventType: 'Send',
          mail: {
            messageId: 'ses-0001',
            timestamp: new Date(now.getTime() + 1_000).toISOString(),
            destination: [profile.email],
            tags,
          },
          send: {},
        }),
      },
    ],
    new Date(now.getTime() + 7 * 60_000),
  );
  expect(handled.ledgerMarked).toBe(1);
  expect(await entry()).toMatchObject({ status: 'sent', sesMessageId: 'ses-0001' });

  const afterEvent = await sendDigestBatch(deps, records, new Date(now.getTime() + 8 * 60_000));
  expect(afterEvent.outcomes.map((outcome) => outcome.outcome)).toEqual(['already-sent']);
  expect(afterEvent.failedMessageIds).toEqual([]);
  expect(await inbox()).toHaveLength(1);
  // The next week's digest knows what this one showed: the detail came with the hand-over.
  const latest = await deps.ledger.latestSent([profile.id], [isoWeek]);
  expect(latest.get(profile.id)?.detail).toMatchObject({ shown: [] });
}, 30_000);
