import type { LookupAddress, LookupOptions } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { createGuardedLookup, type Resolve } from '../../../shared/security/guarded-lookup.ts';
import { SourceFetchError } from '../../../shared/security/source-fetch-error.ts';

interface Outcome {
  readonly error: NodeJS.ErrnoException | null;
  readonly address: string | LookupAddress[];
  readonly family: number | undefined;
}

function lookUp(resolve: Resolve, options: LookupOptions, port = 443): Promise<Outcome> {
  const lookup = createGuardedLookup({ resolve, policy: { loopback: { ports: [4000] } }, port });
  return new Promise((done) =>
    lookup('feeds.example', options, (error, address, family) => done({ error, address, family })),
  );
}

const dualStack: Resolve = async () => [
  { address: '93.184.215.14', family: 4 },
  { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
];

describe('createGuardedLookup', () => {
  it('hands every checked address to a socket that asks for all of them', async () => {
    expect(await lookUp(dualStack, { all: true })).toEqual({
      error: null,
      address: [
        { address: '93.184.215.14', family: 4 },
        { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
      ],
      family: undefined,
    });
  });

  it('hands the first address of the wanted family to a socket that asks for one', async () => {
    expect(await lookUp(dualStack, {})).toEqual({ error: null, address: '93.184.215.14', family: 4 });
    expect(await lookUp(dualStack, { family: 6 })).toEqual({
      error: null,
      address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c',
      family: 6,
    });
  });

  it('refuses the whole answer when one address is blocked', async () => {
    const resolve: Resolve = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: 'fd00::1', family: 6 },
    ];
    const { error } = await lookUp(resolve, { all: true });
    expect(error).toBeInstanceOf(SourceFetchError);
    expect((error as unknown as SourceFetchError).code).toBe('blocked-address');
    expect(error?.message).toBe('refused: feeds.example resolves to fd00::1, a unique-local address');
  });

  it('allows loopback only when the socket connects to an allowed port', async () => {
    const resolve: Resolve = async () => [{ address: '127.0.0.1', family: 4 }];
    expect((await lookUp(resolve, {}, 4000)).address).toBe('127.0.0.1');
    expect((await lookUp(resolve, {}, 4001)).error?.message).toBe(
      'refused: feeds.example resolves to 127.0.0.1, a loopback address, and local mode allows loopback only on port 4000',
    );
  });

  it('turns resolver failures and empty answers into dns errors', async () => {
    const failing: Resolve = async () => {
      throw new Error('queryA ETIMEOUT feeds.example');
    };
    const failed = await lookUp(failing, {});
    expect((failed.error as unknown as SourceFetchError).code).toBe('dns');
    expect(failed.error?.message).toBe('could not resolve feeds.example: queryA ETIMEOUT feeds.example');
    const empty = await lookUp(async () => [], {});
    expect(empty.error?.message).toBe('feeds.example has no address');
    const noIpv6 = await lookUp(async () => [{ address: '93.184.215.14', family: 4 }], { family: 6 });
    expect(noIpv6.error?.message).toBe('feeds.example has no IPv6 address');
  });
});
