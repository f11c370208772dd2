import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { MiddlewareObj, Request } from '@middy/core';
import secretsManager from '@middy/secrets-manager';
import { getCache } from '@middy/util';
import type { Context } from 'aws-lambda';
import { ConfigError } from './env.ts';
import type { LinkSecretSource } from './link-secret-source.ts';

export {
  type LinkSecretSource,
  linkSecretSchema,
  linkSecretShape,
  linkSecretSource,
  linkSecretSourceOf,
} from './link-secret-source.ts';

/** What the middleware puts on the handler's context. */
export interface LinkSecretContext {
  readonly linkSecret: Uint8Array;
}

/** The key `linkSecretMiddleware` put on this invocation's context. */
export function linkSecretIn(context: object): Uint8Array {
  const { linkSecret } = context as Partial<LinkSecretContext>;
  if (!(linkSecret instanceof Uint8Array)) throw new ConfigError('the link secret middleware did not run');
  return linkSecret;
}

export interface LinkSecretOptions {
  /** A client to use instead of one built here (tests). */
  readonly client?: SecretsManagerClient;
  /** Wraps the client before its first call (the tracer: `observability.traced`). */
  readonly capture?: <Client extends object>(client: Client) => Client;
}

/**
 * The signing key on `context.linkSecret`, read once per container: from Secrets Manager through
 * `@middy/secrets-manager` (fetched while the container starts, cached for its life: the secret is not
 * rotated on a schedule, see infra/constructs/link-secret.ts), or the value itself in local mode.
 */
export function linkSecretMiddleware(
  source: LinkSecretSource,
  options: LinkSecretOptions = {},
): MiddlewareObj<unknown, unknown, Error, Context> {
  if ('value' in source) {
    const bytes = Buffer.from(source.value, 'utf8');
    return {
      before: (request) => {
        Object.assign(request.context, { linkSecret: bytes });
      },
    };
  }
  const cacheKey = `trellis-link-secret:${source.arn}`;
  const client = (options.capture ?? ((given) => given))(options.client ?? new SecretsManagerClient({}));
  const fetch = secretsManager({
    fetchData: { linkSecret: source.arn },
    cacheKey,
    cacheExpiry: -1,
    // The middleware builds its client from a class; handing it ours (given in tests, traced on AWS) is a class
    // that returns it (its `awsClientCapture` is skipped when it fetches at start-up).
    AwsClient: function given() {
      return client;
    } as unknown as typeof SecretsManagerClient,
  });
  // The middleware fetches while the container starts; a failure there surfaces (and is retried) on the
  // first invocation, not as an unhandled rejection that would kill the container.
  (getCache(cacheKey).value as Record<string, Promise<unknown>> | undefined)?.linkSecret?.catch(() => {});
  let bytes: Uint8Array | null = null;
  return {
    before: async (request) => {
      if (bytes === null) {
        await fetch.before?.(request as unknown as Parameters<NonNullable<typeof fetch.before>>[0]);
        const value = (request.internal as Record<string, unknown>).linkSecret;
        const text = await value;
        if (typeof text !== 'string' || text === '')
          throw new ConfigError(`secret ${source.arn} has no string value`);
        bytes = Buffer.from(text, 'utf8');
      }
      Object.assign(request.context, { linkSecret: bytes });
    },
  };
}

/**
 * The signing key as a function, for code that runs outside a middy chain (the CLI, or deps built at
 * module scope): the same middleware and its cache underneath.
 */
export function linkSecretLoader(
  source: LinkSecretSource,
  client?: SecretsManagerClient,
): () => Promise<Uint8Array> {
  const middleware = linkSecretMiddleware(source, client ? { client } : {});
  return async () => {
    const request = { event: {}, context: {}, response: undefined, error: undefined, internal: {} };
    await middleware.before?.(request as unknown as Request<unknown, unknown, Error, Context>);
    return (request.context as LinkSecretContext).linkSecret;
  };
}
