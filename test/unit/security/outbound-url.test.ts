import { describe, expect, it } from 'vitest';
import {
  connectHostOf,
  parseOutboundUrl,
  portOf,
  refuseBlockedLiteral,
  refuseDowngrade,
} from '../../../shared/security/outbound-url.ts';
import { SourceFetchError } from '../../../shared/security/source-fetch-error.ts';

function refusal(action: () => unknown): SourceFetchError {
  try {
    action();
  } catch (error) {
    if (error instanceof SourceFetchError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parseOutboundUrl', () => {
  it('accepts http and https URLs and resolves a relative Location against the previous hop', () => {
    expect(parseOutboundUrl('https://feeds.example/a/cal.ics').href).toBe('https://feeds.example/a/cal.ics');
    expect(parseOutboundUrl('../b.ics?x=1', new URL('http://feeds.example/a/c/d')).href).toBe(
      'http://feeds.example/a/b.ics?x=1',
    );
  });

  it('refuses other schemes, naming the scheme', () => {
    for (const url of [
      'file:///etc/passwd',
      'ftp://feeds.example/x',
      'javascript:alert(1)',
      'data:,hi',
      'gopher://x/',
    ]) {
      const error = refusal(() => parseOutboundUrl(url));
      expect(error.code).toBe('bad-url');
      expect(error.message).toBe(
        `refused: ${new URL(url).protocol} URLs cannot be fetched, only http: and https:`,
      );
    }
  });

  it('refuses text that is not a URL', () => {
    expect(refusal(() => parseOutboundUrl('feeds.example/cal.ics')).message).toBe(
      'not a valid URL: "feeds.example/cal.ics"',
    );
  });

  it('refuses credentials, even a lone user name', () => {
    expect(refusal(() => parseOutboundUrl('https://me@feeds.example/')).code).toBe('bad-url');
    expect(refusal(() => parseOutboundUrl('https://:pw@feeds.example/')).code).toBe('bad-url');
  });

  it("refuses the Fetch standard's bad ports and allows ordinary ones", () => {
    expect(refusal(() => parseOutboundUrl('http://feeds.example:25/')).message).toBe(
      'refused: port 25 on feeds.example is not an HTTP port',
    );
    expect(refusal(() => parseOutboundUrl('http://feeds.example:6667/')).code).toBe('bad-url');
    expect(parseOutboundUrl('http://feeds.example:8080/').port).toBe('8080');
  });
});

describe('portOf and connectHostOf', () => {
  it('gives the default port of the scheme and strips IPv6 brackets', () => {
    expect(portOf(new URL('http://a.example/'))).toBe(80);
    expect(portOf(new URL('https://a.example/'))).toBe(443);
    expect(portOf(new URL('https://a.example:8443/'))).toBe(8443);
    expect(connectHostOf(new URL('http://[::ffff:127.0.0.1]/'))).toBe('::ffff:7f00:1');
    expect(connectHostOf(new URL('http://a.example/'))).toBe('a.example');
  });
});

describe('refuseBlockedLiteral', () => {
  const strict = { loopback: 'deny' } as const;

  it('refuses IPv4 literals in every notation the URL parser folds into one', () => {
    for (const url of ['http://127.1/', 'http://0x7f.0.0.1/', 'http://2130706433/', 'http://0177.0.0.1/']) {
      expect(refusal(() => refuseBlockedLiteral(new URL(url), strict)).message).toBe(
        'refused: 127.0.0.1 is a loopback address',
      );
    }
  });

  it('refuses IPv6 literals and lets names and public literals through to the lookup', () => {
    expect(refusal(() => refuseBlockedLiteral(new URL('http://[fe80::1]/'), strict)).code).toBe(
      'blocked-address',
    );
    expect(refuseBlockedLiteral(new URL('http://feeds.example/'), strict)).toBeUndefined();
    expect(refuseBlockedLiteral(new URL('http://8.8.8.8/'), strict)).toBeUndefined();
  });
});

describe('refuseDowngrade', () => {
  it('refuses an https to http redirect and allows the rest', () => {
    const error = refusal(() => refuseDowngrade(new URL('https://a.example/'), new URL('http://b.example/')));
    expect(error.code).toBe('bad-url');
    expect(error.message).toBe(
      'refused: https://a.example/ redirects to http://b.example/, a downgrade from HTTPS to plain HTTP; register the http:// URL if you trust it',
    );
    expect(refuseDowngrade(new URL('http://a.example/'), new URL('https://b.example/'))).toBeUndefined();
    expect(refuseDowngrade(new URL('http://a.example/'), new URL('http://b.example/'))).toBeUndefined();
  });
});
