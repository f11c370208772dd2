import type { LogLevel } from '../log/logger.ts';
import type { LoopbackPolicy } from '../security/address-policy.ts';
import * as z from '../validation/zod.ts';
import {
  commonShape,
  type Env,
  envInt,
  envLogLevel,
  envOptionalString,
  envParsed,
  envSchema,
  envString,
  parseEnv,
} from './env.ts';

/**
 * Events (recurring occurrences included) one source may yield per ingest: 40 a day over the 120-day
 * horizon, above any real organizer's calendar, low enough that a feed of hostile series (each capped at
 * 500 occurrences) cannot flood the store, the pages or the worker's memory. An aggregator of a whole
 * region may need more: TRELLIS_MAX_EVENTS_PER_SOURCE (the bench sets it for its 34,000-event feed).
 */
export const DEFAULT_MAX_EVENTS_PER_SOURCE = 5_000;

/** TRELLIS_FEED_LOOPBACK: unset/`deny` on AWS; `allow`, or a comma list of ports, in local mode only. */
const loopbackPolicy = () =>
  envParsed<LoopbackPolicy>(
    (raw, invalid) => {
      if (raw === 'deny') return 'deny';
      if (raw === 'allow') return 'allow';
      const ports = raw.split(',').map((part) => Number(part.trim()));
      if (ports.some((port) => !Number.isInteger(port) || port < 1 || port > 65535))
        invalid("must be 'deny', 'allow' or a comma list of ports");
      return { ports };
    },
    () => 'deny',
  );

export function parseLoopbackPolicy(value: string | null): LoopbackPolicy {
  return parseEnv(z.object({ TRELLIS_FEED_LOOPBACK: loopbackPolicy() }), {
    TRELLIS_FEED_LOOPBACK: value ?? undefined,
  }).TRELLIS_FEED_LOOPBACK;
}

export function parseLogLevel(value: string | null): LogLevel {
  return parseEnv(z.object({ LOG_LEVEL: envLogLevel() }), { LOG_LEVEL: value ?? undefined }).LOG_LEVEL;
}

export interface CommonFunctionConfig {
  readonly tableName: string;
  readonly logLevel: LogLevel;
}

export interface IngestFeedConfig extends CommonFunctionConfig {
  readonly loopback: LoopbackPolicy;
  readonly userAgent: string | null;
  readonly horizonDays: number;
  readonly maxFeedBytes: number;
  /** Events one source may yield (TRELLIS_MAX_EVENTS_PER_SOURCE); the rest is left out with a problem. */
  readonly maxEventsPerSource: number;
  /** Where changes to saved events go (invite-send). */
  readonly inviteQueueUrl: string;
}

export interface IngestDispatchConfig extends CommonFunctionConfig {
  readonly queueUrl: string;
}

/** ingest-feed's environment. */
export const ingestFeedSchema = envSchema(
  {
    ...commonShape,
    TRELLIS_FEED_LOOPBACK: loopbackPolicy(),
    TRELLIS_USER_AGENT: envOptionalString(),
    TRELLIS_HORIZON_DAYS: envInt(120, { min: 1, max: 730 }),
    TRELLIS_FEED_MAX_BYTES: envInt(5 * 1024 * 1024, { min: 1024, max: 64 * 1024 * 1024 }),
    TRELLIS_MAX_EVENTS_PER_SOURCE: envInt(DEFAULT_MAX_EVENTS_PER_SOURCE, { min: 1, max: 1_000_000 }),
    INVITE_QUEUE_URL: envString(),
  },
  (env): IngestFeedConfig => ({
    tableName: env.TABLE_NAME,
    logLevel: env.LOG_LEVEL,
    loopback: env.TRELLIS_FEED_LOOPBACK,
    userAgent: env.TRELLIS_USER_AGENT,
    horizonDays: env.TRELLIS_HORIZON_DAYS,
    maxFeedBytes: env.TRELLIS_FEED_MAX_BYTES,
    maxEventsPerSource: env.TRELLIS_MAX_EVENTS_PER_SOURCE,
    inviteQueueUrl: env.INVITE_QUEUE_URL,
  }),
);

/** ingest-dispatch's environment. */
export const ingestDispatchSchema = envSchema(
  { ...commonShape, INGEST_QUEUE_URL: envString() },
  (env): IngestDispatchConfig => ({
    tableName: env.TABLE_NAME,
    logLevel: env.LOG_LEVEL,
    queueUrl: env.INGEST_QUEUE_URL,
  }),
);

export function loadIngestFeedConfig(env: Env = process.env): IngestFeedConfig {
  return parseEnv(ingestFeedSchema, env);
}

export function loadIngestDispatchConfig(env: Env = process.env): IngestDispatchConfig {
  return parseEnv(ingestDispatchSchema, env);
}
