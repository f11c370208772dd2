import { RemovalPolicy } from 'aws-cdk-lib';
import * as z from 'zod';
import type { LogLevel } from '../shared/log/logger.ts';

/**
 * Deployment configuration, read from CDK context (`cdk synth -c stage=prod -c alarmEmail=ops@example.com`)
 * and the CDK default environment, validated here and nowhere else.
 */
export interface InfraConfig {
  /** Names the stacks (`trellis-<stage>-data`) and tags every resource; `prod` keeps logs when a stack goes. */
  readonly stage: string;
  /** Where alarm notifications are emailed; without it the alarm topic has no subscription. */
  readonly alarmEmail: string | null;
  /** LOG_LEVEL for every function; null leaves the handlers' default. */
  readonly logLevel: LogLevel | null;
  /** What happens to log groups when their stack is deleted. The table is always retained. */
  readonly logRemovalPolicy: RemovalPolicy.RETAIN | RemovalPolicy.DESTROY;
  /** Who digests come from and where replies and mailto unsubscribes go. */
  readonly mail: MailConfig;
  /**
   * Origin (and optional path) that links in mails start with, without a trailing slash, e.g.
   * `https://trellis.example.org`; null uses the HTTP API's own URL.
   */
  readonly publicBaseUrl: string | null;
  /**
   * Who has the admin role (approving suggested sources, reading their health): `-c adminEmails=a@x.org,b@y.org`,
   * lower-cased. Empty leaves the service without admins; sources can still be added with the CLI.
   */
  readonly adminEmails: readonly string[];
  /** The SES account's 24-hour sending quota (`-c sesDailyQuota=50000`): an alarm fires at 80 % of it. */
  readonly sesDailyQuota: number;
  /** Undefined (no credentials, offline synth) makes environment-agnostic stacks. */
  readonly account: string | undefined;
  readonly region: string | undefined;
}

export interface MailConfig {
  /**
   * The From address (`-c mailFrom=digest@example.org`). CDK does not create the SES identity, since verifying it
   * takes DNS records: its domain must be verified in SES, in the deployment region, before mail can go out.
   */
  readonly from: string;
  /** True when no mailFrom was given to an offline synth: the template is fine to inspect, not to deploy. */
  readonly fromIsPlaceholder: boolean;
  /** Reply-To header (`-c mailReplyTo=`); null leaves replies going to `from`. */
  readonly replyTo: string | null;
  /**
   * The mailbox in `List-Unsubscribe: <mailto:…>` (`-c unsubscribeMailto=`), defaulting to the reply-to address,
   * else `from`. Nothing reads that mailbox automatically: whoever reads it must honour requests within 2 days.
   * The one-click HTTPS link is what does the work.
   */
  readonly unsubscribeMailto: string;
}

export class InfraConfigError extends Error {
  override readonly name = 'InfraConfigError';
}

const productionStage = 'prod';

/** `.invalid` can never be a verified SES identity (RFC 2606), so a placeholder synth cannot send by accident. */
export const placeholderMailFrom = 'digest@example.invalid';

const logLevels = ['debug', 'info', 'warn', 'error'] as const satisfies readonly LogLevel[];

/** `-c key=` arrives as an empty string; treat it like an absent key. */
const optionalText = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z.string().trim().optional(),
);

/** A comma-separated list (`-c adminEmails=a@x.org,b@y.org`) or, from cdk.json, an array; blank entries dropped. */
function listEntries(value: unknown): unknown {
  const entries = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(entries)) return entries;
  return entries
    .map((entry: unknown) => (typeof entry === 'string' ? entry.trim() : entry))
    .filter((entry) => entry !== '');
}

const emailList = z.preprocess(
  listEntries,
  z
    .array(
      z
        .string()
        .toLowerCase()
        .pipe(
          z.email({
            error: (issue) =>
              `adminEmails must be email addresses separated by commas; '${String(issue.input)}' is not one`,
          }),
        ),
    )
    .default([]),
);

const contextSchema = z.object({
  stage: optionalText.pipe(
    z
      .string()
      .regex(
        /^[a-z][a-z0-9-]{0,19}$/,
        'stage must be 1-20 lowercase letters, digits or dashes, starting with a letter',
      )
      .default('dev'),
  ),
  alarmEmail: optionalText.pipe(z.email('alarmEmail must be an email address').optional()),
  logLevel: optionalText.pipe(z.enum(logLevels, 'logLevel must be debug, info, warn or error').optional()),
  mailFrom: optionalText.pipe(z.email('mailFrom must be an email address').optional()),
  mailReplyTo: optionalText.pipe(z.email('mailReplyTo must be an email address').optional()),
  unsubscribeMailto: optionalText.pipe(z.email('unsubscribeMailto must be an email address').optional()),
  publicBaseUrl: optionalText.pipe(
    z
      .url({
        protocol: /^https$/,
        hostname: z.regexes.domain,
        error: 'publicBaseUrl must be an https:// URL on a domain name',
      })
      .refine((url) => !/[?#]/.test(url), 'publicBaseUrl must have no query or fragment')
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
  ),
  adminEmails: emailList,
  sesDailyQuota: z.preprocess(
    (value) => (value === '' || value === undefined ? undefined : Number(value)),
    z
      .number('sesDailyQuota must be a number')
      .int('sesDailyQuota must be a whole number')
      .min(200, 'sesDailyQuota must be at least 200 (the SES sandbox quota)')
      .default(50_000),
  ),
});

type ContextReader = (key: string) => unknown;
type Env = Readonly<Record<string, string | undefined>>;

const contextKeys = [
  'stage',
  'alarmEmail',
  'logLevel',
  'mailFrom',
  'mailReplyTo',
  'unsubscribeMailto',
  'publicBaseUrl',
  'adminEmails',
  'sesDailyQuota',
] as const satisfies readonly (keyof z.input<typeof contextSchema>)[];

/**
 * The CDK CLI sets CDK_DEFAULT_ACCOUNT whenever it finds credentials, which every deploy needs: then the sender
 * must be real. Without credentials (offline synth) a placeholder keeps `cdk synth` working.
 */
const missingMailFrom =
  'mailFrom: required when AWS credentials are present (deploy): pass -c mailFrom=<address on a domain verified ' +
  'in SES in the deployment region>; only an offline synth falls back to the placeholder ' +
  placeholderMailFrom;

export function readInfraConfig(context: ContextReader, env: Env = process.env): InfraConfig {
  const given = Object.fromEntries(contextKeys.map((key) => [key, context(key)]));
  const parsed = contextSchema.safeParse(given);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  const account = env.CDK_DEFAULT_ACCOUNT;
  if (account !== undefined && (given.mailFrom === undefined || given.mailFrom === '')) {
    problems.push(missingMailFrom);
  }
  if (!parsed.success || problems.length > 0) {
    throw new InfraConfigError(`invalid CDK context: ${problems.join('; ')}`);
  }
  const {
    stage,
    alarmEmail,
    logLevel,
    mailFrom,
    mailReplyTo,
    unsubscribeMailto,
    publicBaseUrl,
    adminEmails,
    sesDailyQuota,
  } = parsed.data;
  const from = mailFrom ?? placeholderMailFrom;
  return {
    stage,
    alarmEmail: alarmEmail ?? null,
    logLevel: logLevel ?? null,
    logRemovalPolicy: stage === productionStage ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    mail: {
      from,
      fromIsPlaceholder: mailFrom === undefined,
      replyTo: mailReplyTo ?? null,
      unsubscribeMailto: unsubscribeMailto ?? mailReplyTo ?? from,
    },
    publicBaseUrl: publicBaseUrl ?? null,
    adminEmails: [...new Set(adminEmails)],
    sesDailyQuota,
    account,
    region: env.CDK_DEFAULT_REGION,
  };
}
