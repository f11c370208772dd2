import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError, getOptionalStringFromEnv } from './env.ts';

type Env = Readonly<Record<string, string | undefined>>;

export type LinkSecretSource = { readonly value: string } | { readonly arn: string };

/** LINK_SECRET (local mode, tests) or LINK_SECRET_ARN (AWS: a Secrets Manager secret made by CDK). */
export function linkSecretSource(env: Env = process.env): LinkSecretSource {
  const value = getOptionalStringFromEnv('LINK_SECRET', env);
  if (value !== null) {
    if (value.length < 32) throw new ConfigError('LINK_SECRET must be at least 32 characters');
    return { value };
  }
  const arn = getOptionalStringFromEnv('LINK_SECRET_ARN', env);
  if (arn === null) throw new ConfigError('environment variable LINK_SECRET or LINK_SECRET_ARN is required');
  return { arn };
}

/** The signing key, read once per container. */
export function linkSecretLoader(
  source: LinkSecretSource,
  client?: SecretsManagerClient,
): () => Promise<Uint8Array> {
  let cached: Promise<Uint8Array> | null = null;
  return () => {
    cached ??= (async () => {
      if ('value' in source) return Buffer.from(source.value, 'utf8');
      const secrets = client ?? new SecretsManagerClient({});
      const output = await secrets.send(new GetSecretValueCommand({ SecretId: source.arn }));
      if (!output.SecretString) throw new ConfigError(`secret ${source.arn} has no string value`);
      return Buffer.from(output.SecretString, 'utf8');
    })();
    cached.catch(() => {
      cached = null;
    });
    return cached;
  };
}
