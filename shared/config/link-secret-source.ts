import * as z from '../validation/zod.ts';
import { type Env, envOptionalString, envParsed, envSchema, parseEnv } from './env.ts';

/*
 * The link secret's configuration, apart from the middleware that fetches it (link-secret.ts): a function
 * that only reads the variables (the dispatchers, calendar-feed, invite-send) does not load the Secrets
 * Manager client with it.
 */

export type LinkSecretSource = { readonly value: string } | { readonly arn: string };

/** LINK_SECRET (local mode, tests) or LINK_SECRET_ARN (AWS: a Secrets Manager secret made by CDK). */
export const linkSecretShape = {
  LINK_SECRET: envParsed<string | null>(
    (raw, invalid) => (raw.length >= 32 ? raw : invalid('must be at least 32 characters')),
    () => null,
    { secret: true },
  ),
  LINK_SECRET_ARN: envOptionalString(),
};

/** The source from the two parsed variables, for any function schema that spreads `linkSecretShape`. */
export function linkSecretSourceOf(
  env: { readonly LINK_SECRET: string | null; readonly LINK_SECRET_ARN: string | null },
  context: Pick<z.core.ParsePayload, 'issues'>,
): LinkSecretSource {
  if (env.LINK_SECRET !== null) return { value: env.LINK_SECRET };
  if (env.LINK_SECRET_ARN !== null) return { arn: env.LINK_SECRET_ARN };
  context.issues.push({
    code: 'custom',
    message: 'environment variable LINK_SECRET or LINK_SECRET_ARN is required',
    input: undefined,
  });
  return z.NEVER;
}

export const linkSecretSchema = envSchema(linkSecretShape, linkSecretSourceOf);

export function linkSecretSource(env: Env = process.env): LinkSecretSource {
  return parseEnv(linkSecretSchema, env);
}
