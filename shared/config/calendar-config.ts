import type { LogLevel } from '../log/logger.ts';
import { getIntFromEnv, getOptionalStringFromEnv, getStringFromEnv } from './env.ts';
import { parseLogLevel } from './ingest-config.ts';

type Env = Readonly<Record<string, string | undefined>>;

export interface CalendarFeedConfig {
  readonly tableName: string;
  readonly logLevel: LogLevel;
  /** Days of matched events the feed carries (default 56: eight weeks). */
  readonly windowDays: number;
  /** A rendered feed is reused this long (default 60 minutes); profile changes and saves drop it at once. */
  readonly maxAgeMinutes: number;
  /** REFRESH-INTERVAL / X-PUBLISHED-TTL asked of clients (default 360 minutes). */
  readonly refreshMinutes: number;
  /** Most matched events in one feed (default 500); saved events always come in. */
  readonly maxEvents: number;
}

export function loadCalendarFeedConfig(env: Env = process.env): CalendarFeedConfig {
  return {
    tableName: getStringFromEnv('TABLE_NAME', env),
    logLevel: parseLogLevel(getOptionalStringFromEnv('LOG_LEVEL', env)),
    windowDays: getIntFromEnv('CALENDAR_WINDOW_DAYS', 56, env, { min: 1, max: 366 }),
    maxAgeMinutes: getIntFromEnv('CALENDAR_MAX_AGE_MINUTES', 60, env, { min: 0, max: 1440 }),
    refreshMinutes: getIntFromEnv('CALENDAR_REFRESH_MINUTES', 360, env, { min: 15, max: 10_080 }),
    maxEvents: getIntFromEnv('CALENDAR_MAX_EVENTS', 500, env, { min: 1, max: 1000 }),
  };
}
