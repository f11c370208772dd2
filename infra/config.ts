import { RemovalPolicy } from 'aws-cdk-lib';
import { z } from 'zod';
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
  /** Undefined (no credentials, offline synth) makes environment-agnostic stacks. */
  readonly account: string | undefined;
  readonly region: string | undefined;
}

export class InfraConfigError extends Error {
  override readonly name = 'InfraConfigError';
}

const productionStage = 'prod';

const logLevels = ['debug', 'info', 'warn', 'error'] as const satisfies readonly LogLevel[];

/** `-c key=` arrives as an empty string; treat it like an absent key. */
const optionalText = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z.string().trim().optional(),
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
});

type ContextReader = (key: string) => unknown;
type Env = Readonly<Record<string, string | undefined>>;

export function readInfraConfig(context: ContextReader, env: Env = process.env): InfraConfig {
  const parsed = contextSchema.safeParse({
    stage: context('stage'),
    alarmEmail: context('alarmEmail'),
    logLevel: context('logLevel'),
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new InfraConfigError(`invalid CDK context: ${problems.join('; ')}`);
  }
  const { stage, alarmEmail, logLevel } = parsed.data;
  return {
    stage,
    alarmEmail: alarmEmail ?? null,
    logLevel: logLevel ?? null,
    logRemovalPolicy: stage === productionStage ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    account: env.CDK_DEFAULT_ACCOUNT,
    region: env.CDK_DEFAULT_REGION,
  };
}
