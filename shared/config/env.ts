import * as z from '../validation/zod.ts';

/**
 * Configuration is read and validated in one place: each function has one zod schema over `process.env`
 * (see `function-config.ts`), parsed once at cold start. A missing or malformed variable fails the start
 * with a message that names it, never mid-request. The building blocks below make every variable read
 * alike: surrounding blanks are trimmed, a blank value counts as unset.
 */

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export type Env = Readonly<Record<string, string | undefined>>;

/** What a variable's parser throws for a value it cannot take; the message completes "environment variable X …". */
class InvalidValue extends Error {}

const present = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * A variable read by `read` (which throws InvalidValue with what was expected), or the fallback when unset.
 * A secret's value is never repeated in the error.
 */
function variable<T>(read: (raw: string) => T, fallback?: () => T, options: { secret?: boolean } = {}) {
  return z.pipe(
    z.pipe(z.transform(present), z.optional(z.string())),
    z.transform((raw: string | undefined, context): T => {
      if (raw === undefined) {
        if (fallback) return fallback();
        context.issues.push({ code: 'custom', message: 'is required', input: raw });
        return z.NEVER;
      }
      try {
        return read(raw);
      } catch (error) {
        if (!(error instanceof InvalidValue)) throw error;
        context.issues.push({
          code: 'custom',
          message: error.message,
          input: options.secret ? '(secret)' : raw,
          params: { secret: options.secret === true },
        });
        return z.NEVER;
      }
    }),
  );
}

/** Required text. */
export const envString = () => z.pipe(z.transform(present), z.string({ error: 'is required' }));

/** Optional text: null when unset or blank. */
export const envOptionalString = () =>
  variable<string | null>(
    (raw) => raw,
    () => null,
  );

/** An integer within a range, the fallback when unset. */
export function envInt(fallback: number, range: { min?: number; max?: number } = {}) {
  const min = range.min ?? Number.MIN_SAFE_INTEGER;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  return variable(
    (raw) => {
      const value = Number(raw);
      if (!Number.isInteger(value) || value < min || value > max)
        throw new InvalidValue(`must be an integer between ${min} and ${max}`);
      return value;
    },
    () => fallback,
  );
}

/** An absolute URL, without a trailing slash (links are built as `${base}/path`). */
export const envBaseUrl = () =>
  z.pipe(
    envString(),
    z.transform((raw: string, context) => {
      if (URL.canParse(raw)) return raw.replace(/\/$/, '');
      context.issues.push({ code: 'custom', message: 'must be an absolute URL', input: raw });
      return z.NEVER;
    }),
  );

/** Any value the given parser accepts; it throws `invalid(message)` otherwise. Required without a fallback. */
export function envParsed<T>(
  read: (raw: string, invalid: (expected: string) => never) => T,
  fallback?: () => T,
  options: { secret?: boolean } = {},
) {
  return variable(
    (raw) =>
      read(raw, (expected) => {
        throw new InvalidValue(expected);
      }),
    fallback,
    options,
  );
}

function describe(issue: z.core.$ZodIssue, env: Env): string {
  const name = issue.path[0];
  if (typeof name !== 'string') return issue.message;
  const raw = present(env[name]);
  if (raw === undefined) return `environment variable ${name} is required`;
  if (issue.code === 'custom' && issue.params?.secret) return `environment variable ${name} ${issue.message}`;
  return `environment variable ${name} ${issue.message}, got '${raw}'`;
}

/** Parses `env` with a function's schema; a ConfigError names every variable that is missing or malformed. */
export function parseEnv<Schema extends z.ZodMiniType>(
  schema: Schema,
  env: Env = process.env,
): z.output<Schema> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => describe(issue, env)).join('; '));
}

/**
 * A function's schema: the variables of `shape`, then `build` from their values to its configuration (which may
 * add issues, as the link secret's either-or does). zod/mini: the same checks as zod's classic API in a sixth of
 * the bundle, where a function's only schemas are these.
 */
export function envSchema<Shape extends z.core.$ZodLooseShape, Config>(
  shape: Shape,
  build: (env: z.output<z.ZodMiniObject<Shape>>, context: z.core.ParsePayload) => Config,
) {
  return z.pipe(z.object(shape), z.transform(build));
}

/** One required variable, for code that needs a single value (it goes through the same schema blocks). */
export function getStringFromEnv(name: string, env: Env = process.env): string {
  return parseEnv(z.object({ [name]: envString() }), env)[name] as string;
}

export function getOptionalStringFromEnv(name: string, env: Env = process.env): string | null {
  return parseEnv(z.object({ [name]: envOptionalString() }), env)[name] as string | null;
}

export function getIntFromEnv(
  name: string,
  fallback: number,
  env: Env = process.env,
  range: { min?: number; max?: number } = {},
): number {
  return parseEnv(z.object({ [name]: envInt(fallback, range) }), env)[name] as number;
}

const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type ConfigLogLevel = (typeof logLevels)[number];

/** LOG_LEVEL: debug, info (the default), warn or error, in any case. */
export const envLogLevel = () =>
  envParsed<ConfigLogLevel>(
    (raw, invalid) => {
      const level = raw.toLowerCase();
      return (logLevels as readonly string[]).includes(level)
        ? (level as ConfigLogLevel)
        : invalid('must be debug, info, warn or error');
    },
    () => 'info',
  );

/** The two variables every function reads. */
export const commonShape = { TABLE_NAME: envString(), LOG_LEVEL: envLogLevel() };

/** ses-events' environment (the table and the log level only). */
export const commonSchema = envSchema(commonShape, (env) => ({
  tableName: env.TABLE_NAME,
  logLevel: env.LOG_LEVEL,
}));

export function loadCommonConfig(env: Env = process.env): { tableName: string; logLevel: ConfigLogLevel } {
  return parseEnv(commonSchema, env);
}
