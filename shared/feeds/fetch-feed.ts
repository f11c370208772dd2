import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressPolicy, LoopbackPolicy } from '../security/address-policy.ts';
import { createGuardedLookup, type Resolve, systemResolve } from '../security/guarded-lookup.ts';
import {
  connectHostOf,
  parseOutboundUrl,
  portOf,
  refuseBlockedLiteral,
  refuseDowngrade,
} from '../security/outbound-url.ts';
import { SourceFetchError } from '../security/source-fetch-error.ts';
import { readCappedBody } from './read-capped-body.ts';

export interface FetchFeedOptions {
  readonly etag?: string | null;
  readonly lastModified?: string | null;
  /** Whole fetch, every redirect hop and the body included. */
  readonly timeoutMs?: number;
  /** Counted after decompression. */
  readonly maxBytes?: number;
  readonly maxRedirects?: number;
  readonly userAgent?: string;
  readonly loopback?: LoopbackPolicy;
  /** DNS, injectable for tests; defaults to the system resolver (all addresses). */
  readonly resolve?: Resolve;
}

export type FetchFeedResult =
  | { readonly status: 'not-modified'; readonly finalUrl: string }
  | {
      readonly status: 'ok';
      readonly body: Uint8Array;
      readonly contentType: string | null;
      readonly etag: string | null;
      readonly lastModified: string | null;
      readonly finalUrl: string;
    };

const defaultUserAgent = 'Trellis/0.1 (+https://github.com/trellis-app/trellis; feed fetcher)';
const acceptFeeds =
  'text/calendar, application/rss+xml, application/atom+xml, application/feed+json, application/ld+json, text/html;q=0.8, */*;q=0.5';
const redirectStatuses: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

interface Settings {
  readonly headers: OutgoingHttpHeaders;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxRedirects: number;
  readonly policy: AddressPolicy;
  readonly resolve: Resolve;
}

function settingsFrom(options: FetchFeedOptions): Settings {
  const headers: OutgoingHttpHeaders = {
    'user-agent': options.userAgent ?? defaultUserAgent,
    accept: acceptFeeds,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  return {
    headers,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
    maxRedirects: options.maxRedirects ?? 5,
    policy: { loopback: options.loopback ?? 'deny' },
    resolve: options.resolve ?? systemResolve,
  };
}

/**
 * Fetches a feed URL given by an operator or a user, refusing anything but public HTTP(S) hosts
 * on every hop. Throws SourceFetchError.
 */
export async function fetchFeed(url: string, options: FetchFeedOptions = {}): Promise<FetchFeedResult> {
  const settings = settingsFrom(options);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), settings.timeoutMs);
  let current = url;
  try {
    return await followRedirects(url, settings, deadline.signal, (hop) => {
      current = hop;
    });
  } catch (error) {
    if (deadline.signal.aborted) {
      throw new SourceFetchError('timeout', `timed out after ${settings.timeoutMs} ms fetching ${current}`);
    }
    if (error instanceof SourceFetchError) throw error;
    throw new SourceFetchError('network', `could not fetch ${current}: ${describeNetworkError(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

async function followRedirects(
  start: string,
  settings: Settings,
  signal: AbortSignal,
  onHop: (url: string) => void,
): Promise<FetchFeedResult> {
  let url = parseOutboundUrl(start);
  let context = '';
  for (let redirects = 0; ; redirects++) {
    onHop(url.href);
    refuseBlockedLiteral(url, settings.policy, context);
    const response = await requestHop(url, settings, signal, context);
    const status = response.statusCode ?? 0;

    if (status === 304) {
      response.destroy();
      return { status: 'not-modified', finalUrl: url.href };
    }
    if (redirectStatuses.has(status)) {
      response.destroy();
      const location = response.headers.location;
      if (location === undefined) {
        throw new SourceFetchError(
          'http-status',
          `${url.href} answered ${status} without a Location`,
          status,
        );
      }
      if (redirects >= settings.maxRedirects) {
        throw new SourceFetchError(
          'too-many-redirects',
          `${url.href} redirected more than ${settings.maxRedirects} times; register the final URL instead`,
        );
      }
      const next = parseOutboundUrl(location, url);
      refuseDowngrade(url, next);
      context = `; reached by a redirect from ${url.href}`;
      url = next;
      continue;
    }
    if (status < 200 || status > 299) {
      response.destroy();
      const reason = response.statusMessage ? ` ${response.statusMessage}` : '';
      throw new SourceFetchError('http-status', `${url.href} answered HTTP ${status}${reason}`, status);
    }
    return readOk(response, url, settings, signal);
  }
}

async function readOk(
  response: IncomingMessage,
  url: URL,
  settings: Settings,
  signal: AbortSignal,
): Promise<FetchFeedResult> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > settings.maxBytes) {
    response.destroy();
    throw new SourceFetchError(
      'too-large',
      `${url.href} declares ${declared} bytes, more than the ${settings.maxBytes}-byte limit`,
    );
  }
  const body = await readCappedBody(response, { maxBytes: settings.maxBytes, signal, url: url.href });
  return {
    status: 'ok',
    body,
    contentType: response.headers['content-type'] ?? null,
    etag: headerValue(response.headers.etag),
    lastModified: headerValue(response.headers['last-modified']),
    finalUrl: url.href,
  };
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

/** Sends one GET and resolves once the response headers arrive. */
function requestHop(
  url: URL,
  settings: Settings,
  signal: AbortSignal,
  context: string,
): Promise<IncomingMessage> {
  const port = portOf(url);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request({
      host: connectHostOf(url),
      port,
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers: settings.headers,
      // A fresh connection per hop: no pooled socket can carry a request to an unchecked address.
      agent: false,
      signal,
      lookup: createGuardedLookup({ resolve: settings.resolve, policy: settings.policy, port, context }),
    });
    outgoing.once('response', resolve);
    // Kept for the whole request: a late socket error must not become an uncaught exception.
    outgoing.on('error', reject);
    outgoing.end();
  });
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return code && !error.message.includes(code) ? `${code} ${error.message}` : error.message;
}
