import type { LookupAddress, LookupOptions } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { type AddressPolicy, checkAddress } from './address-policy.ts';
import { SourceFetchError } from './source-fetch-error.ts';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

export type Resolve = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export const systemResolve: Resolve = async (hostname) => {
  const answers = await dnsLookup(hostname, { all: true, order: 'verbatim' });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

export interface GuardedLookupOptions {
  readonly resolve: Resolve;
  readonly policy: AddressPolicy;
  /** The port the socket will connect to, for the loopback port allowance. */
  readonly port: number;
  /** Appended to refusal messages, e.g. "; reached by a redirect from https://a.example/". */
  readonly context?: string;
}

/**
 * A socket `lookup` that resolves the name and refuses the whole answer when ANY address in it
 * is blocked. The check runs here, on the very addresses the socket then connects to, so a DNS
 * answer that changes between a check and the connection (rebinding) cannot slip through.
 * Refusing rather than filtering: a name that mixes public and private addresses is hostile or
 * broken, and filtering would make the outcome depend on record order and happy-eyeballs timing.
 */
export function createGuardedLookup(options: GuardedLookupOptions): LookupFunction {
  const context = options.context ?? '';
  return (hostname, lookupOptions: LookupOptions, callback) => {
    resolveChecked(hostname, options, context).then(
      (answers) => {
        const wanted = lookupOptions.family === 4 || lookupOptions.family === 6 ? lookupOptions.family : 0;
        const usable = wanted === 0 ? answers : answers.filter((answer) => answer.family === wanted);
        const first = usable[0];
        if (first === undefined) {
          const error = new SourceFetchError('dns', `${hostname} has no IPv${wanted} address${context}`);
          callback(error as NodeJS.ErrnoException, '', 0);
        } else if (lookupOptions.all) {
          callback(
            null,
            usable.map(({ address, family }): LookupAddress => ({ address, family })),
          );
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, '', 0),
    );
  };
}

async function resolveChecked(
  hostname: string,
  options: GuardedLookupOptions,
  context: string,
): Promise<readonly ResolvedAddress[]> {
  let answers: readonly ResolvedAddress[];
  try {
    answers = await options.resolve(hostname);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new SourceFetchError('dns', `could not resolve ${hostname}${context}: ${why}`);
  }
  if (answers.length === 0) throw new SourceFetchError('dns', `${hostname} has no address${context}`);
  for (const { address } of answers) {
    const verdict = checkAddress(address, options.port, options.policy);
    if (!verdict.allowed) {
      throw new SourceFetchError(
        'blocked-address',
        `refused: ${hostname} resolves to ${address}, ${verdict.reason}${context}`,
      );
    }
  }
  return answers;
}
