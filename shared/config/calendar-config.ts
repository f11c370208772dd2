import type { LogLevel } from '../log/logger.ts';
import { type MailConfig, mailConfigOf, mailShape } from './digest-config.ts';
import { commonShape, type Env, envInt, envSchema, parseEnv } from './env.ts';

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

/** calendar-feed's environment. */
export const calendarFeedSchema = envSchema(
  {
    ...commonShape,
    CALENDAR_WINDOW_DAYS: envInt(56, { min: 1, max: 366 }),
    CALENDAR_MAX_AGE_MINUTES: envInt(60, { min: 0, max: 1440 }),
    CALENDAR_REFRESH_MINUTES: envInt(360, { min: 15, max: 10_080 }),
    CALENDAR_MAX_EVENTS: envInt(500, { min: 1, max: 1000 }),
  },
  (env): CalendarFeedConfig => ({
    tableName: env.TABLE_NAME,
    logLevel: env.LOG_LEVEL,
    windowDays: env.CALENDAR_WINDOW_DAYS,
    maxAgeMinutes: env.CALENDAR_MAX_AGE_MINUTES,
    refreshMinutes: env.CALENDAR_REFRESH_MINUTES,
    maxEvents: env.CALENDAR_MAX_EVENTS,
  }),
);

export function loadCalendarFeedConfig(env: Env = process.env): CalendarFeedConfig {
  return parseEnv(calendarFeedSchema, env);
}

export interface InviteSendConfig {
  readonly tableName: string;
  readonly logLevel: LogLevel;
  readonly mail: MailConfig;
}

/** invite-send's environment. */
export const inviteSendSchema = envSchema(
  { ...commonShape, ...mailShape },
  (env): InviteSendConfig => ({
    tableName: env.TABLE_NAME,
    logLevel: env.LOG_LEVEL,
    mail: mailConfigOf(env),
  }),
);

export function loadInviteSendConfig(env: Env = process.env): InviteSendConfig {
  return parseEnv(inviteSendSchema, env);
}
