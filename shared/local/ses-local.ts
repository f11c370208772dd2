import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sesLocalModule from 'aws-ses-v2-local';
import { closeServer, listen } from './listen.ts';

// A CommonJS module with an ES default export: Node hands over module.exports, bundlers may unwrap it.
type StartSes = (config: { host: string; port: number }) => Promise<Server>;
const startSesServer: StartSes =
  (sesLocalModule as unknown as { default?: StartSes }).default ?? (sesLocalModule as unknown as StartSes);

export interface LocalSes {
  /** SES API endpoint for the SDK, and the inbox page to open in a browser. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * What the local SES says of its account (GetAccount reads AWS_SES_ACCOUNT): a production account
 * allowed 100 mails a second, so bulk mail runs its shared-rate path locally too, without waiting.
 */
const localAccount = {
  DedicatedIpAutoWarmupEnabled: false,
  Details: {
    AdditionalContactEmailAddresses: [],
    ContactLanguage: 'EN',
    MailType: 'TRANSACTIONAL',
    ReviewDetails: { CaseId: 'local', Status: 'GRANTED' },
    UseCaseDescription: 'Trellis, locally',
    WebsiteURL: 'http://127.0.0.1',
  },
  EnforcementStatus: 'HEALTHY',
  ProductionAccessEnabled: true,
  SendingEnabled: true,
  SendQuota: { Max24HourSend: 1_000_000, MaxSendRate: 100, SentLast24Hours: 0 },
  SuppressionAttributes: { SuppressedReasons: [] },
};

/** aws-ses-v2-local serving the SES API and its inbox page on loopback (messages live in memory). */
export async function startLocalSes(options: { host?: string; port?: number } = {}): Promise<LocalSes> {
  process.env.AWS_SES_ACCOUNT ??= JSON.stringify(localAccount);
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (port !== 0) {
    // aws-ses-v2-local cannot report a busy port, so check first for a clear message.
    const probe = createServer();
    await listen(probe, host, port, 'SES (aws-ses-v2-local)', 'TRELLIS_SES_PORT');
    await closeServer(probe);
  }
  const server: Server = await startSesServer({ host, port });
  const bound = (server.address() as AddressInfo).port;
  return { endpoint: `http://${host}:${bound}`, stop: () => closeServer(server) };
}
