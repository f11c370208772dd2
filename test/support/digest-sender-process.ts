/**
 * One digest batch in a process of its own, so a test can kill it at a chosen moment (SIGKILL, no
 * clean-up). Wired like `digest-send`: DynamoDB Local and an SES endpoint from the environment.
 */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { registerTsxHooks } from '../../bin/tsx-loader-hooks.ts';
import { silentLogger } from '../../shared/log/logger.ts';
import { createSesMailer } from '../../shared/mail/mailer.ts';

// The digest's HTML is .tsx: compile it on import, as the CLI does.
registerTsxHooks();
const { sendDigestBatch } = await import('../../shared/digest/send-digests.ts');

import type { DigestLedgerDetail } from '../../shared/digest/send-digests.ts';
import { createDocumentClient } from '../../shared/store/dynamo-client.ts';
import { createEventStore } from '../../shared/store/event-store.ts';
import { createSendLedger } from '../../shared/store/send-ledger.ts';
import { createSuppressionList } from '../../shared/store/suppression-list.ts';
import { createUserRepository } from '../../shared/store/user-repository.ts';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const client = createDocumentClient({ endpoint: env('TEST_DYNAMODB_ENDPOINT') });
const tableName = env('TEST_TABLE');
const ses = new SESv2Client({
  endpoint: env('TEST_SES_ENDPOINT'),
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  maxAttempts: 1,
});
const outcome = await sendDigestBatch(
  {
    users: createUserRepository(client, tableName),
    events: createEventStore(client, tableName),
    ledger: createSendLedger<DigestLedgerDetail>(client, tableName, 'digest'),
    suppression: createSuppressionList(client, tableName),
    mailer: createSesMailer(ses, { configurationSet: 'trellis-test' }),
    identity: { from: 'Trellis <digest@trellis.test>', replyTo: null, messageIdDomain: 'trellis.test' },
    links: async () => ({ secret: Buffer.from('a-test-secret-that-is-long-enough-to-sign-links') }),
    publicBaseUrl: 'http://127.0.0.1:3000',
    unsubscribeMailto: 'unsubscribe@trellis.test',
    windowDays: 14,
    logger: silentLogger,
  },
  [{ messageId: 'm0', body: env('TEST_DIGEST_MESSAGE') }],
  new Date(env('TEST_NOW')),
);
process.stdout.write(`${JSON.stringify(outcome)}\n`);
