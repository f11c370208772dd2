import type { LogLevel } from '../log/logger.ts';
import type { LoopbackPolicy } from '../security/address-policy.ts';
import { ConfigError, getIntFromEnv, getOptionalStringFromEnv, getStringFromEnv } from './env.ts';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Events (recurring occurrences included) one source may yield per ingest: 40 a day over the 120-day
 * horizon, above any real organizer's calendar, low enough that a feed of hostile series (each capped at
 * 500 occurrences) cannot flood the store, the pages or the worker's memory. An aggregator of a whole
 * region may need more: TRELLIS_MAX_EVENTS_PER_SOURCE (the bench sets it for its 34,000-event feed).
 */
export const DEFAULT_MAX_EVENTS_PER_SOURCE = 5_000;

/** TRELLIS_FEED_LOOPBACK: unset/`deny` on AWS; `allow`, or a comma list of ports, in local mode only. */
export function parseLoopbackPolicy(value: string | null): LoopbackPolicy {
  if (value === null || value === 'deny') return 'deny';
  if (value === 'allow') return 'allow';
  const ports = value.split(',').map((part) => Number(part.trim()));
  if (ports.length === 0 || ports.some((port) => !Number.isInteger(port) || port < 1 || port > 65535)) {
    throw new ConfigError(
      `TRELLIS_FEED_LOOPBACK must be 'deny', 'allow' or a comma list of ports, got '${value}'`,
    );
  }
  return { ports };
}

export function parseLogLevel(value: string | null): LogLevel {
  const level = (value ?? 'info').toLowerCase();
  if (level === 'debug' || level === 'info' || level === 'warn' || level === 'error') return level;
  throw new ConfigError(`LOG_LEVEL must be debug, info, warn or error, got '${value}'`);
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

function common(env: Env): CommonFunctionConfig {
  return {
    tableName: getStringFromEnv('TABLE_NAME', env),
    logLevel: parseLogLevel(getOptionalStringFromEnv('LOG_LEVEL', env)),
  };
}

export function loadIngestFeedConfig(env: Env = process.env): IngestFeedConfig {
  return {
    ...common(env),
    loopback: parseLoopbackPolicy(getOptionalStringFromEnv('TRELLIS_FEED_LOOPBACK', env)),
    userAgent: getOptionalStringFromEnv('TRELLIS_USER_AGENT', env),
    horizonDays: getIntFromEnv('TRELLIS_HORIZON_DAYS', 120, env, { min: 1, max: 730 }),
    maxFeedBytes: getIntFromEnv('TRELLIS_FEED_MAX_BYTES', 5 * 1024 * 1024, env, {
      min: 1024,
      max: 64 * 1024 * 1024,
    }),
    maxEventsPerSource: getIntFromEnv('TRELLIS_MAX_EVENTS_PER_SOURCE', DEFAULT_MAX_EVENTS_PER_SOURCE, env, {
      min: 1,
      max: 1_000_000,
    }),
    inviteQueueUrl: getStringFromEnv('INVITE_QUEUE_URL', env),
  };
}

export function loadIngestDispatchConfig(env: Env = process.env): IngestDispatchConfig {
  return { ...common(env), queueUrl: getStringFromEnv('INGEST_QUEUE_URL', env) };
}
