import { resolve } from 'node:path';
import type { LogLevel } from '../log/logger.ts';
import { getIntFromEnv, getOptionalStringFromEnv } from './env.ts';
import { parseLogLevel } from './ingest-config.ts';

/** Everything `trellis dev` and the local CLI read from the environment, validated once. */
export interface LocalSettings {
  readonly dataDir: string;
  readonly host: string;
  readonly apiPort: number;
  readonly dynamoPort: number;
  /**
   * A DynamoDB (Local) that is already running, for the CLI's own mode: it then starts none of its own.
   * Null: each command starts DynamoDB Local on the data folder for as long as it runs.
   */
  readonly dynamoEndpoint: string | null;
  readonly sesPort: number;
  readonly feedsPort: number;
  readonly ingestEveryMinutes: number;
  /** Let feeds on any loopback port in (for testing your own feed server); by default only the demo feeds'. */
  readonly allowLoopbackFeeds: boolean;
  readonly tableName: string;
  readonly logLevel: LogLevel;
}

type Env = Readonly<Record<string, string | undefined>>;
const port = (name: string, fallback: number, env: Env) =>
  getIntFromEnv(name, fallback, env, { min: 0, max: 65535 });

export function loadLocalSettings(env: Env = process.env, cwd = process.cwd()): LocalSettings {
  return {
    dataDir: resolve(cwd, getOptionalStringFromEnv('TRELLIS_DATA_DIR', env) ?? '.trellis'),
    host: getOptionalStringFromEnv('TRELLIS_HOST', env) ?? '127.0.0.1',
    apiPort: port('TRELLIS_PORT', 3000, env),
    dynamoPort: port('TRELLIS_DYNAMO_PORT', 8000, env),
    dynamoEndpoint: getOptionalStringFromEnv('TRELLIS_DYNAMO_ENDPOINT', env) ?? null,
    sesPort: port('TRELLIS_SES_PORT', 8005, env),
    feedsPort: port('TRELLIS_FEEDS_PORT', 3001, env),
    ingestEveryMinutes: getIntFromEnv('TRELLIS_INGEST_EVERY_MINUTES', 30, env, { min: 1, max: 24 * 60 }),
    allowLoopbackFeeds: getOptionalStringFromEnv('TRELLIS_ALLOW_LOOPBACK_FEEDS', env) === '1',
    tableName: getOptionalStringFromEnv('TABLE_NAME', env) ?? 'trellis',
    logLevel: parseLogLevel(getOptionalStringFromEnv('LOG_LEVEL', env)),
  };
}
