import { BlockList } from 'node:net';
import { describe, expect, it } from 'vitest';
import { checkAddress, describeSpecialAddress } from '../../../shared/security/address-policy.ts';

const refused = (address: string) => checkAddress(address, 80).allowed === false;

describe('checkAddress refuses every special-purpose IPv4 range, on both sides of its edges', () => {
  // [last address before the range (allowed), first, last, first after (allowed), description]
  const ranges: readonly (readonly [string | null, string, string, string | null, string])[] = [
    [null, '0.0.0.0', '0.255.255.255', '1.0.0.0', 'a "this network" address'],
    ['9.255.255.255', '10.0.0.0', '10.255.255.255', '11.0.0.0', 'a private address'],
    [
      '100.63.255.255',
      '100.64.0.0',
      '100.127.255.255',
      '100.128.0.0',
      'a carrier-grade NAT (shared) address',
    ],
    ['126.255.255.255', '127.0.0.0', '127.255.255.255', '128.0.0.0', 'a loopback address'],
    [
      '169.253.255.255',
      '169.254.0.0',
      '169.254.255.255',
      '169.255.0.0',
      'a link-local address (cloud metadata lives here)',
    ],
    ['172.15.255.255', '172.16.0.0', '172.31.255.255', '172.32.0.0', 'a private address'],
    ['191.255.255.255', '192.0.0.0', '192.0.0.255', null, 'an IETF protocol assignment'],
    [null, '192.0.2.0', '192.0.2.255', '192.0.3.0', 'a documentation address'],
    ['192.88.98.255', '192.88.99.0', '192.88.99.255', '192.88.100.0', 'a deprecated 6to4 relay address'],
    ['192.167.255.255', '192.168.0.0', '192.168.255.255', '192.169.0.0', 'a private address'],
    ['198.17.255.255', '198.18.0.0', '198.19.255.255', '198.20.0.0', 'a benchmarking address'],
    ['198.51.99.255', '198.51.100.0', '198.51.100.255', '198.51.101.0', 'a documentation address'],
    ['203.0.112.255', '203.0.113.0', '203.0.113.255', '203.0.114.0', 'a documentation address'],
    ['223.255.255.255', '224.0.0.0', '239.255.255.255', null, 'a multicast address'],
    [null, '240.0.0.0', '255.255.255.254', null, 'a reserved address'],
    [null, '255.255.255.255', '255.255.255.255', null, 'the broadcast address'],
  ];

  for (const [before, first, last, after, description] of ranges) {
    it(`refuses ${first} to ${last} as ${description}`, () => {
      expect(describeSpecialAddress(first)).toBe(description);
      expect(describeSpecialAddress(last)).toBe(description);
      expect(refused(first)).toBe(true);
      expect(refused(last)).toBe(true);
      if (before !== null) expect(checkAddress(before, 80)).toEqual({ allowed: true });
      if (after !== null) expect(checkAddress(after, 80)).toEqual({ allowed: true });
    });
  }

  it('refuses the cloud metadata address with a reason that names link-local', () => {
    expect(checkAddress('169.254.169.254', 80)).toEqual({
      allowed: false,
      reason: 'a link-local address (cloud metadata lives here)',
    });
  });

  it('allows public IPv4 addresses', () => {
    for (const address of ['8.8.8.8', '1.1.1.1', '93.184.215.14', '223.255.255.255']) {
      expect(checkAddress(address, 443)).toEqual({ allowed: true });
    }
  });
});

describe('checkAddress refuses every special-purpose IPv6 range', () => {
  const cases: readonly (readonly [string, string])[] = [
    ['::', 'the unspecified address'],
    ['::1', 'a loopback address'],
    ['::ffff:127.0.0.1', 'an IPv4-mapped IPv6 address'],
    ['::ffff:7f00:1', 'an IPv4-mapped IPv6 address'],
    ['::ffff:a9fe:a9fe', 'an IPv4-mapped IPv6 address'],
    ['::ffff:0a00:0005', 'an IPv4-mapped IPv6 address'],
    ['::ffff:8.8.8.8', 'an IPv4-mapped IPv6 address'],
    ['::ffff:0:7f00:1', 'an IPv4-translated IPv6 address'],
    ['::127.0.0.1', 'an IPv4-compatible IPv6 address'],
    ['::7f00:1', 'an IPv4-compatible IPv6 address'],
    ['::808:808', 'an IPv4-compatible IPv6 address'],
    ['64:ff9b::a00:1', 'a NAT64 address'],
    ['64:ff9b::127.0.0.1', 'a NAT64 address'],
    ['64:ff9b::ffff:ffff', 'a NAT64 address'],
    ['64:ff9b:1::', 'a local-use NAT64 address'],
    ['64:ff9b:1:ffff:ffff:ffff:ffff:ffff', 'a local-use NAT64 address'],
    ['100::1', 'a discard-only address'],
    ['2001::', 'a Teredo address'],
    ['2001:0:ffff:ffff:ffff:ffff:ffff:ffff', 'a Teredo address'],
    ['2001:2::1', 'a benchmarking address'],
    ['2001:db8::', 'a documentation address'],
    ['2001:db8:ffff:ffff:ffff:ffff:ffff:ffff', 'a documentation address'],
    ['2002:7f00:1::', 'a 6to4 address'],
    ['2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'a 6to4 address'],
    ['3fff::1', 'a documentation address'],
    ['fc00::', 'a unique-local address'],
    ['fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'a unique-local address'],
    ['fe80::', 'a link-local address'],
    ['fe80::1', 'a link-local address'],
    ['febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'a link-local address'],
    ['fec0::', 'a site-local address'],
    ['feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'a site-local address'],
    ['ff00::', 'a multicast address'],
    ['ff02::1', 'a multicast address'],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'a multicast address'],
  ];

  for (const [address, description] of cases) {
    it(`refuses ${address} as ${description}`, () => {
      expect(checkAddress(address, 80)).toEqual({ allowed: false, reason: description });
    });
  }

  it('allows public IPv6 addresses, including those right next to refused ranges', () => {
    for (const address of [
      '2606:4700::1111',
      '2001:4860:4860::8888',
      '2001:1::1', // just past Teredo's /32
      '2001:db9::1', // just past documentation
      '2003::1', // just past 6to4
      '64:ff9a:ffff:ffff:ffff:ffff:ffff:ffff', // just before NAT64
      '64:ff9b:0:0:0:1::', // just past NAT64 /96, before the local-use /48
      'fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', // just before unique-local
      '::1:0:0:0', // just past IPv4-compatible ::/96
    ]) {
      expect(checkAddress(address, 443)).toEqual({ allowed: true });
    }
  });
});

describe('checkAddress loopback allowance for local mode', () => {
  it('refuses loopback by default', () => {
    expect(checkAddress('127.0.0.1', 8080)).toEqual({ allowed: false, reason: 'a loopback address' });
    expect(checkAddress('::1', 8080)).toEqual({ allowed: false, reason: 'a loopback address' });
  });

  it('allows all of loopback, and nothing else, when loopback is "allow"', () => {
    const policy = { loopback: 'allow' } as const;
    expect(checkAddress('127.0.0.1', 8080, policy)).toEqual({ allowed: true });
    expect(checkAddress('127.200.0.9', 1, policy)).toEqual({ allowed: true });
    expect(checkAddress('::1', 8080, policy)).toEqual({ allowed: true });
    expect(checkAddress('10.0.0.5', 8080, policy).allowed).toBe(false);
    expect(checkAddress('169.254.169.254', 80, policy).allowed).toBe(false);
    expect(checkAddress('0.0.0.0', 8080, policy).allowed).toBe(false);
    expect(checkAddress('::', 8080, policy).allowed).toBe(false);
  });

  it('allows loopback only on the listed ports, and never in its mapped or compatible IPv6 forms', () => {
    const policy = { loopback: { ports: [4000, 4001] } } as const;
    expect(checkAddress('127.0.0.1', 4000, policy)).toEqual({ allowed: true });
    expect(checkAddress('::1', 4001, policy)).toEqual({ allowed: true });
    expect(checkAddress('127.0.0.1', 4002, policy)).toEqual({
      allowed: false,
      reason: 'a loopback address, and local mode allows loopback only on port 4000, 4001',
    });
    expect(checkAddress('::ffff:7f00:1', 4000, policy)).toEqual({
      allowed: false,
      reason: 'an IPv4-mapped IPv6 address',
    });
    expect(checkAddress('::7f00:1', 4000, policy).allowed).toBe(false);
    expect(checkAddress('64:ff9b::7f00:1', 4000, policy).allowed).toBe(false);
    expect(checkAddress('2002:7f00:1::', 4000, policy).allowed).toBe(false);
    expect(checkAddress('0.0.0.0', 4000, policy).allowed).toBe(false);
  });

  it('refuses loopback on every port when the port list is empty', () => {
    expect(checkAddress('127.0.0.1', 80, { loopback: { ports: [] } })).toEqual({
      allowed: false,
      reason: 'a loopback address, and local mode allows loopback only on no port',
    });
  });
});

describe('checkAddress input handling', () => {
  it('refuses anything that is not an IP address', () => {
    for (const text of ['', 'localhost', 'feeds.example', '[::1]', '127.0.0.1:80', '0x7f.1']) {
      expect(checkAddress(text, 80)).toEqual({ allowed: false, reason: 'not an IP address' });
    }
  });

  it('does not depend on how an IPv6 address is written', () => {
    expect(describeSpecialAddress('0:0:0:0:0:0:0:1')).toBe('a loopback address');
    expect(describeSpecialAddress('FE80:0000::0001')).toBe('a link-local address');
    expect(describeSpecialAddress('0:0:0:0:0:ffff:7f00:0001')).toBe('an IPv4-mapped IPv6 address');
  });
});

// The policy keeps the two families apart because of this Node behaviour; if a Node release
// changes it, these tests say so.
describe("Node 22's BlockList and IPv4-mapped IPv6", () => {
  it('applies IPv4 rules to IPv4-mapped IPv6 addresses, in both notations', () => {
    const list = new BlockList();
    list.addSubnet('127.0.0.0', 8, 'ipv4');
    expect(list.check('::ffff:127.0.0.1', 'ipv6')).toBe(true);
    expect(list.check('::ffff:7f00:1', 'ipv6')).toBe(true);
    expect(list.check('::7f00:1', 'ipv6')).toBe(false);
    expect(list.check('64:ff9b::7f00:1', 'ipv6')).toBe(false);
  });

  it('applies an IPv4-mapped IPv6 rule to every IPv4 address', () => {
    const list = new BlockList();
    list.addSubnet('::ffff:0:0', 96, 'ipv6');
    expect(list.check('8.8.8.8', 'ipv4')).toBe(true);
  });
});
