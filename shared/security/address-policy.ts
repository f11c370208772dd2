import { BlockList, isIP } from 'node:net';

/**
 * Which IP addresses an outbound fetch may connect to. Everything that is not plainly public
 * unicast is refused; only loopback can be opened up, for the local runtime's own demo feed server.
 */

/** 'allow' opens all of loopback; `{ ports }` opens loopback on those ports only. */
export type LoopbackPolicy = 'deny' | 'allow' | { readonly ports: readonly number[] };

export interface AddressPolicy {
  readonly loopback: LoopbackPolicy;
}

export const strictAddressPolicy: AddressPolicy = { loopback: 'deny' };

export type AddressVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: string };

interface SpecialRange {
  readonly network: string;
  readonly prefix: number;
  /** Completes "refused: feeds.example resolves to 10.0.0.5, …". */
  readonly description: string;
  readonly loopback?: true;
}

// First match wins, so narrow ranges come before the wider ones that contain them.
const ipv4Ranges: readonly SpecialRange[] = [
  { network: '0.0.0.0', prefix: 8, description: 'a "this network" address' },
  { network: '10.0.0.0', prefix: 8, description: 'a private address' },
  { network: '100.64.0.0', prefix: 10, description: 'a carrier-grade NAT (shared) address' },
  { network: '127.0.0.0', prefix: 8, description: 'a loopback address', loopback: true },
  { network: '169.254.0.0', prefix: 16, description: 'a link-local address (cloud metadata lives here)' },
  { network: '172.16.0.0', prefix: 12, description: 'a private address' },
  { network: '192.0.0.0', prefix: 24, description: 'an IETF protocol assignment' },
  { network: '192.0.2.0', prefix: 24, description: 'a documentation address' },
  { network: '192.88.99.0', prefix: 24, description: 'a deprecated 6to4 relay address' },
  { network: '192.168.0.0', prefix: 16, description: 'a private address' },
  { network: '198.18.0.0', prefix: 15, description: 'a benchmarking address' },
  { network: '198.51.100.0', prefix: 24, description: 'a documentation address' },
  { network: '203.0.113.0', prefix: 24, description: 'a documentation address' },
  { network: '224.0.0.0', prefix: 4, description: 'a multicast address' },
  { network: '255.255.255.255', prefix: 32, description: 'the broadcast address' },
  { network: '240.0.0.0', prefix: 4, description: 'a reserved address' },
];

// IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) are refused
// whole: a feed host has no reason to publish them, and each is a known way around IPv4 rules.
const ipv6Ranges: readonly SpecialRange[] = [
  { network: '::', prefix: 128, description: 'the unspecified address' },
  { network: '::1', prefix: 128, description: 'a loopback address', loopback: true },
  { network: '::ffff:0:0', prefix: 96, description: 'an IPv4-mapped IPv6 address' },
  { network: '::ffff:0:0:0', prefix: 96, description: 'an IPv4-translated IPv6 address' },
  { network: '::', prefix: 96, description: 'an IPv4-compatible IPv6 address' },
  { network: '64:ff9b::', prefix: 96, description: 'a NAT64 address' },
  { network: '64:ff9b:1::', prefix: 48, description: 'a local-use NAT64 address' },
  { network: '100::', prefix: 64, description: 'a discard-only address' },
  { network: '2001::', prefix: 32, description: 'a Teredo address' },
  { network: '2001:2::', prefix: 48, description: 'a benchmarking address' },
  { network: '2001:db8::', prefix: 32, description: 'a documentation address' },
  { network: '2002::', prefix: 16, description: 'a 6to4 address' },
  { network: '3fff::', prefix: 20, description: 'a documentation address' },
  { network: 'fc00::', prefix: 7, description: 'a unique-local address' },
  { network: 'fe80::', prefix: 10, description: 'a link-local address' },
  { network: 'fec0::', prefix: 10, description: 'a site-local address' },
  { network: 'ff00::', prefix: 8, description: 'a multicast address' },
];

interface CompiledRange {
  readonly range: SpecialRange;
  readonly list: BlockList;
}

// One BlockList per range so a match can say which range it was. Each family is checked only
// against its own ranges: BlockList matches IPv4 rules against IPv4-mapped IPv6 addresses and
// IPv4-mapped IPv6 rules against IPv4 addresses (a `::ffff:0:0/96` rule would refuse all of IPv4).
function compile(ranges: readonly SpecialRange[], type: 'ipv4' | 'ipv6'): readonly CompiledRange[] {
  return ranges.map((range) => {
    const list = new BlockList();
    list.addSubnet(range.network, range.prefix, type);
    return { range, list };
  });
}

const compiledIpv4 = compile(ipv4Ranges, 'ipv4');
const compiledIpv6 = compile(ipv6Ranges, 'ipv6');

function specialRangeOf(address: string): SpecialRange | null {
  const family = isIP(address);
  if (family === 4) return compiledIpv4.find(({ list }) => list.check(address, 'ipv4'))?.range ?? null;
  if (family === 6) return compiledIpv6.find(({ list }) => list.check(address, 'ipv6'))?.range ?? null;
  return null;
}

/** Describes the special-purpose range an address falls in ("a private address"), or null when public. */
export function describeSpecialAddress(address: string): string | null {
  return specialRangeOf(address)?.description ?? null;
}

function loopbackVerdict(port: number, policy: LoopbackPolicy): AddressVerdict {
  if (policy === 'allow') return { allowed: true };
  if (policy === 'deny') return { allowed: false, reason: 'a loopback address' };
  if (policy.ports.includes(port)) return { allowed: true };
  const ports = policy.ports.length === 0 ? 'no port' : `port ${policy.ports.join(', ')}`;
  return { allowed: false, reason: `a loopback address, and local mode allows loopback only on ${ports}` };
}

/** May a connection go to `address` on `port`? Addresses that are not IP literals are refused. */
export function checkAddress(
  address: string,
  port: number,
  policy: AddressPolicy = strictAddressPolicy,
): AddressVerdict {
  if (isIP(address) === 0) return { allowed: false, reason: 'not an IP address' };
  const range = specialRangeOf(address);
  if (range === null) return { allowed: true };
  if (range.loopback) return loopbackVerdict(port, policy.loopback);
  return { allowed: false, reason: range.description };
}
