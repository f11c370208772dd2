import { resolve } from 'node:path';
import type { LogLevel } from '../log/logger.ts';
import * as z from '../validation/zod.ts';
import { type Env, envInt, envLogLevel, envOptionalString, parseEnv } from './env.ts';

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

const port = (fallback: number) => envInt(fallback, { min: 0, max: 65535 });

/** The local mode's environment (`trellis dev` and the CLI). */
export const localSettingsShape = {
  TRELLIS_DATA_DIR: envOptionalString(),
  TRELLIS_HOST: envOptionalString(),
  TRELLIS_PORT: port(3000),
  TRELLIS_DYNAMO_PORT: port(8000),
  TRELLIS_DYNAMO_ENDPOINT: envOptionalString(),
  TRELLIS_SES_PORT: port(8005),
  TRELLIS_FEEDS_PORT: port(3001),
  TRELLIS_INGEST_EVERY_MINUTES: envInt(30, { min: 1, max: 24 * 60 }),
  TRELLIS_ALLOW_LOOPBACK_FEEDS: envOptionalString(),
  TABLE_NAME: envOptionalString(),
  LOG_LEVEL: envLogLevel(),
};

export function loadLocalSettings(env: Env = process.env, cwd = process.cwd()): LocalSettings {
  const values = parseEnv(z.object(localSettingsShape), env);
  return {
    dataDir: resolve(cwd, values.TRELLIS_DATA_DIR ?? '.trellis'),
    host: values.TRELLIS_HOST ?? '127.0.0.1',
    apiPort: values.TRELLIS_PORT,
    dynamoPort: values.TRELLIS_DYNAMO_PORT,
    dynamoEndpoint: values.TRELLIS_DYNAMO_ENDPOINT,
    sesPort: values.TRELLIS_SES_PORT,
    feedsPort: values.TRELLIS_FEEDS_PORT,
    ingestEveryMinutes: values.TRELLIS_INGEST_EVERY_MINUTES,
    allowLoopbackFeeds: values.TRELLIS_ALLOW_LOOPBACK_FEEDS === '1',
    tableName: values.TABLE_NAME ?? 'trellis',
    logLevel: values.LOG_LEVEL,
  };
}
