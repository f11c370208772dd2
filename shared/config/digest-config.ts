import type { LogLevel } from '../log/logger.ts';
import { ConfigError, getIntFromEnv, getOptionalStringFromEnv, getStringFromEnv } from './env.ts';
import { parseLogLevel } from './ingest-config.ts';
import { type LinkSecretSource, linkSecretSource } from './link-secret.ts';

type Env = Readonly<Record<string, string | undefined>>;

export interface MailConfig {
  /** `Trellis <digest@example.org>` */
  readonly from: string;
  readonly replyTo: string | null;
  readonly configurationSet: string | null;
  readonly messageIdDomain: string;
  readonly unsubscribeMailto: string;
}

export interface DigestSendConfig {
  readonly tableName: string;
  readonly logLevel: LogLevel;
  readonly mail: MailConfig;
  /** Where links in mails point (the HTTP API's URL, or a custom domain). */
  readonly publicBaseUrl: string;
  readonly linkSecret: LinkSecretSource;
  readonly windowDays: number;
}

export interface DigestDispatchConfig {
  readonly tableName: string;
  readonly logLevel: LogLevel;
  readonly queueUrl: string;
}

function domainOf(address: string): string {
  const match = /@([^>\s]+)>?\s*$/.exec(address);
  if (!match?.[1]) throw new ConfigError(`MAIL_FROM must contain an address with a domain, got '${address}'`);
  return match[1].toLowerCase();
}

export function loadMailConfig(env: Env = process.env): MailConfig {
  const from = getStringFromEnv('MAIL_FROM', env);
  const domain = domainOf(from);
  return {
    from,
    replyTo: getOptionalStringFromEnv('MAIL_REPLY_TO', env),
    configurationSet: getOptionalStringFromEnv('SES_CONFIGURATION_SET', env),
    messageIdDomain: getOptionalStringFromEnv('MESSAGE_ID_DOMAIN', env) ?? domain,
    unsubscribeMailto: getOptionalStringFromEnv('UNSUBSCRIBE_MAILTO', env) ?? `unsubscribe@${domain}`,
  };
}

/** How many days ahead a digest looks (the digest sender and the preview page must agree). */
export function digestWindowDaysFromEnv(env: Env = process.env): number {
  return getIntFromEnv('TRELLIS_DIGEST_WINDOW_DAYS', 14, env, { min: 1, max: 60 });
}

export function loadDigestSendConfig(env: Env = process.env): DigestSendConfig {
  const publicBaseUrl = getStringFromEnv('PUBLIC_BASE_URL', env);
  if (!URL.canParse(publicBaseUrl))
    throw new ConfigError(`PUBLIC_BASE_URL must be an absolute URL, got '${publicBaseUrl}'`);
  return {
    tableName: getStringFromEnv('TABLE_NAME', env),
    logLevel: parseLogLevel(getOptionalStringFromEnv('LOG_LEVEL', env)),
    mail: loadMailConfig(env),
    publicBaseUrl: publicBaseUrl.replace(/\/$/, ''),
    linkSecret: linkSecretSource(env),
    windowDays: digestWindowDaysFromEnv(env),
  };
}

export function loadDigestDispatchConfig(env: Env = process.env): DigestDispatchConfig {
  return {
    tableName: getStringFromEnv('TABLE_NAME', env),
    logLevel: parseLogLevel(getOptionalStringFromEnv('LOG_LEVEL', env)),
    queueUrl: getStringFromEnv('DIGEST_QUEUE_URL', env),
  };
}
