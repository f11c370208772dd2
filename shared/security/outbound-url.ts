import { isIP } from 'node:net';
import { type AddressPolicy, checkAddress } from './address-policy.ts';
import { SourceFetchError } from './source-fetch-error.ts';

// The Fetch standard's "bad ports": services (mail, shell, IRC…) that speak text protocols an
// HTTP request could be smuggled into. Browsers refuse them; so do we.
const badPorts: ReadonlySet<number> = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
  109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
  526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/**
 * Parses a URL the service is asked to fetch (relative to `base` for a redirect's Location) and
 * refuses what it must never fetch: other schemes, credentials, ports of non-HTTP services.
 */
export function parseOutboundUrl(text: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new SourceFetchError('bad-url', `not a valid URL: ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SourceFetchError(
      'bad-url',
      `refused: ${url.protocol} URLs cannot be fetched, only http: and https:`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new SourceFetchError(
      'bad-url',
      `refused: the URL for ${url.hostname} carries a user name or password; feeds must be public`,
    );
  }
  const port = portOf(url);
  if (badPorts.has(port)) {
    throw new SourceFetchError('bad-url', `refused: port ${port} on ${url.hostname} is not an HTTP port`);
  }
  return url;
}

/** The port a connection to `url` goes to. */
export function portOf(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/** The host as sockets want it: IPv6 literals without their brackets. */
export function connectHostOf(url: URL): string {
  const host = url.hostname;
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * Sockets skip `lookup` for IP literals, so a literal host is checked here, before connecting.
 * Names are checked inside the socket's lookup (see guarded-lookup.ts).
 */
export function refuseBlockedLiteral(url: URL, policy: AddressPolicy, context = ''): void {
  const host = connectHostOf(url);
  if (isIP(host) === 0) return;
  const port = portOf(url);
  const verdict = checkAddress(host, port, policy);
  if (!verdict.allowed) {
    throw new SourceFetchError('blocked-address', `refused: ${url.host} is ${verdict.reason}${context}`);
  }
}

// A feed is public data and no credentials travel, but over plain HTTP anyone on the path can
// rewrite it: once the source chose HTTPS, a redirect may not take that away.
export function refuseDowngrade(from: URL, to: URL): void {
  if (from.protocol === 'https:' && to.protocol === 'http:') {
    throw new SourceFetchError(
      'bad-url',
      `refused: ${from.href} redirects to ${to.href}, a downgrade from HTTPS to plain HTTP; register the http:// URL if you trust it`,
    );
  }
}
