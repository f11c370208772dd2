import type { LogLevel } from '../log/logger.ts';
import { loadMailConfig, type MailConfig } from './digest-config.ts';
import { ConfigError, getOptionalStringFromEnv, getStringFromEnv } from './env.ts';
import { parseLogLevel } from './ingest-config.ts';
import { type LinkSecretSource, linkSecretSource } from './link-secret.ts';

type Env = Readonly<Record<string, string | undefined>>;

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

export function loadReminderDispatchConfig(env: Env = process.env): ReminderDispatchConfig {
  return {
    tableName: getStringFromEnv('TABLE_NAME', env),
    logLevel: parseLogLevel(getOptionalStringFromEnv('LOG_LEVEL', env)),
    queueUrl: getStringFromEnv('REMINDER_QUEUE_URL', env),
  };
}

export function loadReminderSendConfig(env: Env = process.env): ReminderSendConfig {
  const publicBaseUrl = getStringFromEnv('PUBLIC_BASE_URL', env);
  if (!URL.canParse(publicBaseUrl))
    throw new ConfigError(`PUBLIC_BASE_URL must be an absolute URL, got '${publicBaseUrl}'`);
  return {
    tableName: getStringFromEnv('TABLE_NAME', env),
    logLevel: parseLogLevel(getOptionalStringFromEnv('LOG_LEVEL', env)),
    mail: loadMailConfig(env),
    publicBaseUrl: publicBaseUrl.replace(/\/$/, ''),
    linkSecret: linkSecretSource(env),
  };
}
