/** Configuration is read and validated in one place; a missing variable fails at start-up, not mid-request. */

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

export function getStringFromEnv(name: string, env: Env = process.env): string {
  const value = env[name];
  if (value === undefined || value.trim() === '')
    throw new ConfigError(`environment variable ${name} is required`);
  return value.trim();
}

export function getOptionalStringFromEnv(name: string, env: Env = process.env): string | null {
  const value = env[name];
  return value === undefined || value.trim() === '' ? null : value.trim();
}

export function getIntFromEnv(
  name: string,
  fallback: number,
  env: Env = process.env,
  range: { min?: number; max?: number } = {},
): number {
  const raw = getOptionalStringFromEnv(name, env);
  if (raw === null) return fallback;
  const value = Number(raw);
  const min = range.min ?? Number.MIN_SAFE_INTEGER;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(
      `environment variable ${name} must be an integer between ${min} and ${max}, got '${raw}'`,
    );
  }
  return value;
}
