import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getStringFromEnv } from '#shared/config/env.ts';
import type { LocalSettings } from '#shared/config/local-settings.ts';
import { type DemoFeedServer, startDemoFeedServer } from '#shared/local/demo-feed-server.ts';
import { startDynamoLocal } from '#shared/local/dynamodb-local-server.ts';
import { PortInUseError } from '#shared/local/listen.ts';
import type { LoopbackPolicy } from '#shared/security/address-policy.ts';
import { createTableIfMissing } from '#shared/store/create-table.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { type DevState, readDevState } from './dev-state.ts';

/**
 * Where a CLI command reads and writes: the running `trellis dev` (through its endpoints), the local
 * data folder opened just for this command, or AWS (TRELLIS_TARGET=aws, with TABLE_NAME).
 */
export interface StoreSession {
  readonly mode: 'dev' | 'embedded' | 'aws';
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly loopback: LoopbackPolicy;
  /** The running `trellis dev`, when the session goes through it. */
  readonly dev: DevState | null;
  close(): Promise<void>;
}

const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export async function openStoreSession(
  settings: LocalSettings,
  options: { withDemoFeeds?: boolean } = {},
): Promise<StoreSession> {
  if (process.env.TRELLIS_TARGET === 'aws') {
    const client = createDocumentClient();
    return {
      mode: 'aws',
      client,
      tableName: getStringFromEnv('TABLE_NAME'),
      loopback: 'deny',
      dev: null,
      close: async () => client.destroy(),
    };
  }
  const loopbackFor = (feedsPort: number): LoopbackPolicy =>
    settings.allowLoopbackFeeds ? 'allow' : { ports: [feedsPort] };
  const running = await readDevState(settings.dataDir);
  if (running) {
    const client = createDocumentClient({ endpoint: running.dynamoEndpoint });
    return {
      mode: 'dev',
      client,
      tableName: settings.tableName,
      loopback: loopbackFor(running.feedsPort),
      dev: running,
      close: async () => client.destroy(),
    };
  }
  await mkdir(settings.dataDir, { recursive: true });
  const dynamo = settings.dynamoEndpoint
    ? { endpoint: settings.dynamoEndpoint, stop: async () => {} }
    : await startDynamoLocal({
        host: settings.host,
        port: 0,
        path: join(settings.dataDir, 'dynamodb-local'),
        shortLived: true,
      });
  const raw = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: localCredentials,
  });
  await createTableIfMissing(raw, settings.tableName);
  raw.destroy();
  let feeds: DemoFeedServer | null = null;
  if (options.withDemoFeeds) {
    // The demo sources point at the demo feed server's port; serve them for this command too.
    feeds = await startDemoFeedServer({ host: settings.host, port: settings.feedsPort }).catch(
      (error: unknown) => {
        if (error instanceof PortInUseError) return null;
        throw error;
      },
    );
  }
  const client = createDocumentClient({ endpoint: dynamo.endpoint });
  return {
    mode: 'embedded',
    client,
    tableName: settings.tableName,
    loopback: loopbackFor(settings.feedsPort),
    dev: null,
    async close() {
      client.destroy();
      await feeds?.stop();
      await dynamo.stop();
    },
  };
}
