import type { LogLevel } from '../log/logger.ts';
import { type MailConfig, mailConfigOf, mailShape } from './digest-config.ts';
import { commonShape, type Env, envBaseUrl, envSchema, envString, parseEnv } from './env.ts';
import { type LinkSecretSource, linkSecretShape, linkSecretSourceOf } from './link-secret-source.ts';

export interface ReminderDispatchConfig {
  readonly tableName: string;
  readonly logLevel: LogLevel;
  readonly queueUrl: string;
}

export interface ReminderSendConfig {
  readonly tableName: string;
  readonly logLevel: LogLevel;
  readonly mail: MailConfig;
  readonly publicBaseUrl: string;
  readonly linkSecret: LinkSecretSource;
}

/** reminder-dispatch's environment. */
export const reminderDispatchSchema = envSchema(
  { ...commonShape, REMINDER_QUEUE_URL: envString() },
  (env): ReminderDispatchConfig => ({
    tableName: env.TABLE_NAME,
    logLevel: env.LOG_LEVEL,
    queueUrl: env.REMINDER_QUEUE_URL,
  }),
);

/** reminder-send's environment. */
export const reminderSendSchema = envSchema(
  { ...commonShape, ...mailShape, ...linkSecretShape, PUBLIC_BASE_URL: envBaseUrl() },
  (env, context): ReminderSendConfig => ({
    tableName: env.TABLE_NAME,
    logLevel: env.LOG_LEVEL,
    mail: mailConfigOf(env),
    publicBaseUrl: env.PUBLIC_BASE_URL,
    linkSecret: linkSecretSourceOf(env, context),
  }),
);

export function loadReminderDispatchConfig(env: Env = process.env): ReminderDispatchConfig {
  return parseEnv(reminderDispatchSchema, env);
}

export function loadReminderSendConfig(env: Env = process.env): ReminderSendConfig {
  return parseEnv(reminderSendSchema, env);
}
