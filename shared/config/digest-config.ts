import type { LogLevel } from '../log/logger.ts';
import * as z from '../validation/zod.ts';
import {
  commonShape,
  type Env,
  envBaseUrl,
  envInt,
  envOptionalString,
  envParsed,
  envSchema,
  envString,
  parseEnv,
} from './env.ts';
import { type LinkSecretSource, linkSecretShape, linkSecretSourceOf } from './link-secret-source.ts';

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

/** MAIL_FROM with the domain of its address (the default Message-ID domain and unsubscribe mailbox). */
const mailFrom = () =>
  envParsed((raw, invalid) => {
    const domain = /@([^>\s]+)>?\s*$/.exec(raw)?.[1];
    return domain
      ? { address: raw, domain: domain.toLowerCase() }
      : invalid('must contain an address with a domain');
  });

/** The variables of every function that sends mail. */
export const mailShape = {
  MAIL_FROM: mailFrom(),
  MAIL_REPLY_TO: envOptionalString(),
  SES_CONFIGURATION_SET: envOptionalString(),
  MESSAGE_ID_DOMAIN: envOptionalString(),
  UNSUBSCRIBE_MAILTO: envOptionalString(),
};

type MailEnv = z.output<z.ZodMiniObject<typeof mailShape>>;

export function mailConfigOf(env: MailEnv): MailConfig {
  const { address, domain } = env.MAIL_FROM;
  return {
    from: address,
    replyTo: env.MAIL_REPLY_TO,
    configurationSet: env.SES_CONFIGURATION_SET,
    messageIdDomain: env.MESSAGE_ID_DOMAIN ?? domain,
    unsubscribeMailto: env.UNSUBSCRIBE_MAILTO ?? `unsubscribe@${domain}`,
  };
}

export const mailSchema = envSchema(mailShape, mailConfigOf);

export function loadMailConfig(env: Env = process.env): MailConfig {
  return parseEnv(mailSchema, env);
}

/** How many days ahead a digest looks (the digest sender and the preview page must agree). */
export const digestWindowDaysShape = { TRELLIS_DIGEST_WINDOW_DAYS: envInt(14, { min: 1, max: 60 }) };

export function digestWindowDaysFromEnv(env: Env = process.env): number {
  return parseEnv(z.object(digestWindowDaysShape), env).TRELLIS_DIGEST_WINDOW_DAYS;
}

/** digest-send's environment. */
export const digestSendSchema = envSchema(
  {
    ...commonShape,
    ...mailShape,
    ...linkSecretShape,
    ...digestWindowDaysShape,
    PUBLIC_BASE_URL: envBaseUrl(),
  },
  (env, context): DigestSendConfig => ({
    tableName: env.TABLE_NAME,
    logLevel: env.LOG_LEVEL,
    mail: mailConfigOf(env),
    publicBaseUrl: env.PUBLIC_BASE_URL,
    linkSecret: linkSecretSourceOf(env, context),
    windowDays: env.TRELLIS_DIGEST_WINDOW_DAYS,
  }),
);

/** digest-dispatch's environment. */
export const digestDispatchSchema = envSchema(
  { ...commonShape, DIGEST_QUEUE_URL: envString() },
  (env): DigestDispatchConfig => ({
    tableName: env.TABLE_NAME,
    logLevel: env.LOG_LEVEL,
    queueUrl: env.DIGEST_QUEUE_URL,
  }),
);

export function loadDigestSendConfig(env: Env = process.env): DigestSendConfig {
  return parseEnv(digestSendSchema, env);
}

export function loadDigestDispatchConfig(env: Env = process.env): DigestDispatchConfig {
  return parseEnv(digestDispatchSchema, env);
}
