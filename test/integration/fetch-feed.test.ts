import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FetchFeedOptions, fetchFeed } from '../../shared/feeds/fetch-feed.ts';
import { closeServer, listen } from '../../shared/local/listen.ts';
import type { Resolve } from '../../shared/security/guarded-lookup.ts';
import { SourceFetchError } from '../../shared/security/source-fetch-error.ts';

const calendar = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Trellis test//EN\r\nEND:VCALENDAR\r\n';
const etag = '"cal-v1"';
const lastModified = 'Tue, 03 Mar 2026 10:00:00 GMT';

interface TestServer {
  readonly server: Server;
  readonly sockets: Set<Socket>;
  readonly hits: string[];
  readonly headers: Map<string, IncomingHttpHeaders>;
  port: number;
}

function testServer(
  route: (path: string, headers: IncomingHttpHeaders, response: ServerResponse) => void,
): TestServer {
  const sockets = new Set<Socket>();
  const hits: string[] = [];
  const headers = new Map<string, IncomingHttpHeaders>();
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    hits.push(path);
    headers.set(path, request.headers);
    route(path, request.headers, response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return { server, sockets, hits, headers, port: 0 };
}

// Each pattern is built once: the bomb is 16 MiB of zeros in about 16 KiB of gzip.
const bomb = gzipSync(Buffer.alloc(16 * 1024 * 1024));
const drips = new Set<NodeJS.Timeout>();

const feeds = testServer((path, headers, response) => {
  const [pathname = '/', query = ''] = path.split('?');
  const params = new URLSearchParams(query);
  const redirectMatch = /^\/redirect\/(\d+)$/.exec(pathname);
  if (redirectMatch) {
    const left = Number(redirectMatch[1]);
    const statuses = [301, 302, 303, 307, 308];
    const status = statuses[left % statuses.length] ?? 302;
    response.writeHead(status, { location: left <= 1 ? '../feed' : `/redirect/${left - 1}` }).end();
    return;
  }
  switch (pathname) {
    case '/feed':
      if (headers['if-none-match'] === etag) {
        response.writeHead(304, { etag }).end();
        return;
      }
      response
        .writeHead(200, {
          'content-type': 'text/calendar; charset=utf-8',
          etag,
          'last-modified': lastModified,
        })
        .end(calendar);
      return;
    case '/to':
      response.writeHead(302, { location: params.get('location') ?? '/' }).end();
      return;
    case '/big':
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('x'.repeat(600));
      response.end('x'.repeat(600));
      return;
    case '/big-declared':
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '10000000' });
      response.write('x'.repeat(100));
      return; // never finishes: the fetcher must not wait for it
    case '/bomb':
      response.writeHead(200, { 'content-type': 'text/calendar', 'content-encoding': 'gzip' }).end(bomb);
      return;
    case '/gzip':
      response.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(calendar));
      return;
    case '/deflate':
      response.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateSync(calendar));
      return;
    case '/deflate-raw':
      response.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateRawSync(calendar));
      return;
    case '/gzip-empty':
      response.writeHead(200, { 'content-encoding': 'gzip', 'content-length': '0' }).end();
      return;
    case '/unknown-encoding':
      response.writeHead(200, { 'content-encoding': 'zstd' }).end('(.....)');
      return;
    case '/br':
      response.writeHead(200, { 'content-encoding': 'br' }).end(brotliCompressSync(calendar));
      return;
    case '/slow-headers':
      return; // never answers
    case '/slow-drip': {
      response.writeHead(200, { 'content-type': 'text/calendar' });
      const drip = setInterval(() => response.write('x'), 50);
      drips.add(drip);
      response.on('close', () => {
        clearInterval(drip);
        drips.delete(drip);
      });
      return;
    }
    case '/error':
      response.writeHead(500).end('boom');
      return;
    default:
      response.writeHead(404).end();
  }
});

// A second service on the same machine that the fetcher must never reach.
const bystander = testServer((_path, _headers, response) => {
  response.writeHead(200).end('internal');
});

beforeAll(async () => {
  feeds.port = await listen(feeds.server, '127.0.0.1', 0, 'feed test server');
  bystander.port = await listen(bystander.server, '127.0.0.1', 0, 'bystander test server');
});

afterAll(async () => {
  for (const drip of drips) clearInterval(drip);
  await Promise.all([closeServer(feeds.server), closeServer(bystander.server)]);
});

// Every fetch, whatever its outcome, must leave no connection open behind it.
afterEach(async () => {
  const until = Date.now() + 1000;
  while (feeds.sockets.size + bystander.sockets.size > 0 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(feeds.sockets.size + bystander.sockets.size).toBe(0);
});

const base = () => `http://127.0.0.1:${feeds.port}`;
const local = (extra: FetchFeedOptions = {}): FetchFeedOptions => ({
  loopback: { ports: [feeds.port] },
  ...extra,
});

async function failure(promise: Promise<unknown>): Promise<SourceFetchError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SourceFetchError) return error;
    throw error;
  }
  throw new Error('expected the fetch to fail');
}

const text = (body: Uint8Array) => new TextDecoder().decode(body);

describe('fetchFeed, successful fetches', () => {
  it('returns the body and validators of a 200, having sent feed Accept headers', async () => {
    const result = await fetchFeed(`${base()}/feed`, local());
    expect(result).toEqual({
      status: 'ok',
      body: new TextEncoder().encode(calendar),
      contentType: 'text/calendar; charset=utf-8',
      etag,
      lastModified,
      finalUrl: `${base()}/feed`,
    });
    const sent = feeds.headers.get('/feed');
    expect(sent?.accept).toBe(
      'text/calendar, application/rss+xml, application/atom+xml, application/feed+json, application/ld+json, text/html;q=0.8, */*;q=0.5',
    );
    expect(sent?.['accept-encoding']).toBe('gzip, deflate, br');
    expect(sent?.['user-agent']).toBe('Trellis/0.1 (+https://github.com/trellis-app/trellis; feed fetcher)');
    expect(sent?.['if-none-match']).toBeUndefined();
  });

  it('sends the validators and answers not-modified on a 304', async () => {
    const result = await fetchFeed(`${base()}/feed`, local({ etag, lastModified }));
    expect(result).toEqual({ status: 'not-modified', finalUrl: `${base()}/feed` });
    expect(feeds.headers.get('/feed')?.['if-none-match']).toBe(etag);
    expect(feeds.headers.get('/feed')?.['if-modified-since']).toBe(lastModified);
  });

  it('follows a chain of five redirects of every kind, resolving a relative Location', async () => {
    feeds.hits.length = 0;
    const result = await fetchFeed(`${base()}/redirect/5`, local());
    expect(result.status).toBe('ok');
    expect(result.finalUrl).toBe(`${base()}/feed`);
    expect(feeds.hits).toEqual([
      '/redirect/5',
      '/redirect/4',
      '/redirect/3',
      '/redirect/2',
      '/redirect/1',
      '/feed',
    ]);
  });

  it('reaches a host name that resolves to the allowed loopback port', async () => {
    const resolve: Resolve = async () => [{ address: '127.0.0.1', family: 4 }];
    const result = await fetchFeed(`http://feeds.test:${feeds.port}/feed`, local({ resolve }));
    expect(result.status).toBe('ok');
    expect(feeds.headers.get('/feed')?.host).toBe(`feeds.test:${feeds.port}`);
  });

  for (const path of ['/gzip', '/deflate', '/deflate-raw', '/br']) {
    it(`decodes a ${path.slice(1)} body`, async () => {
      const result = await fetchFeed(`${base()}${path}`, local());
      expect(result.status === 'ok' && text(result.body)).toBe(calendar);
    });
  }

  it('reads an empty body labelled gzip as empty', async () => {
    const result = await fetchFeed(`${base()}/gzip-empty`, local());
    expect(result.status === 'ok' && result.body).toEqual(new Uint8Array(0));
  });

  it('refuses a body in an encoding it did not ask for', async () => {
    const error = await failure(fetchFeed(`${base()}/unknown-encoding`, local()));
    expect(error.code).toBe('network');
    expect(error.message).toBe(`${base()}/unknown-encoding was sent with an unsupported encoding "zstd"`);
  });
});

describe('fetchFeed, redirects', () => {
  const to = (location: string) => `${base()}/to?location=${encodeURIComponent(location)}`;

  it('refuses a sixth redirect', async () => {
    const error = await failure(fetchFeed(`${base()}/redirect/6`, local()));
    expect(error.code).toBe('too-many-redirects');
    expect(error.message).toBe(
      `${base()}/redirect/1 redirected more than 5 times; register the final URL instead`,
    );
  });

  it('refuses a redirect to another loopback port', async () => {
    const error = await failure(fetchFeed(to(`http://127.0.0.1:${bystander.port}/`), local()));
    expect(error.code).toBe('blocked-address');
    expect(error.message).toBe(
      `refused: 127.0.0.1:${bystander.port} is a loopback address, and local mode allows loopback only on port ${feeds.port}; reached by a redirect from ${to(`http://127.0.0.1:${bystander.port}/`)}`,
    );
    expect(bystander.hits).toEqual([]);
  });

  it('refuses a redirect to the cloud metadata address', async () => {
    const error = await failure(fetchFeed(to('http://169.254.169.254/latest/meta-data/'), local()));
    expect(error.code).toBe('blocked-address');
    expect(error.message).toMatch(/^refused: 169\.254\.169\.254 is a link-local address/);
  });

  it('refuses a redirect to IPv4-mapped loopback, even on the allowed port', async () => {
    const error = await failure(fetchFeed(to(`http://[::ffff:127.0.0.1]:${feeds.port}/feed`), local()));
    expect(error.code).toBe('blocked-address');
    expect(error.message).toMatch(
      new RegExp(`^refused: \\[::ffff:7f00:1\\]:${feeds.port} is an IPv4-mapped IPv6 address;`),
    );
  });

  it('refuses a redirect to IPv6 loopback on another port', async () => {
    const error = await failure(fetchFeed(to(`http://[::1]:${bystander.port}/`), local()));
    expect(error.code).toBe('blocked-address');
    expect(error.message).toMatch(new RegExp(`^refused: \\[::1\\]:${bystander.port} is a loopback address`));
  });

  it('refuses a redirect to a file: URL', async () => {
    const error = await failure(fetchFeed(to('file:///etc/passwd'), local()));
    expect(error.code).toBe('bad-url');
  });
});

describe('fetchFeed, addresses', () => {
  it('refuses loopback entirely by default', async () => {
    const error = await failure(fetchFeed(`${base()}/feed`));
    expect(error.code).toBe('blocked-address');
    expect(error.message).toBe(`refused: 127.0.0.1:${feeds.port} is a loopback address`);
  });

  it('refuses a host name that resolves to a private address', async () => {
    const resolve: Resolve = async () => [{ address: '10.0.0.5', family: 4 }];
    const error = await failure(fetchFeed('http://feeds.example/calendar.ics', local({ resolve })));
    expect(error.code).toBe('blocked-address');
    expect(error.message).toBe('refused: feeds.example resolves to 10.0.0.5, a private address');
  });

  it('refuses a host name when any one of its addresses is blocked', async () => {
    const resolve: Resolve = async () => [
      { address: '127.0.0.1', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ];
    feeds.hits.length = 0;
    const error = await failure(fetchFeed(`http://feeds.example:${feeds.port}/feed`, local({ resolve })));
    expect(error.code).toBe('blocked-address');
    expect(error.message).toBe('refused: feeds.example resolves to 10.0.0.5, a private address');
    expect(feeds.hits).toEqual([]);
  });

  it('connects to the address it checked, not to a second answer (no DNS rebinding gap)', async () => {
    // The first answer passes the check but nothing listens there; a fetcher that checked one
    // answer and then resolved again to connect would reach the server through the second.
    const asked: string[] = [];
    const resolve: Resolve = async (hostname) => {
      asked.push(hostname);
      return asked.length === 1 ? [{ address: '::1', family: 6 }] : [{ address: '127.0.0.1', family: 4 }];
    };
    feeds.hits.length = 0;
    const error = await failure(fetchFeed(`http://rebind.example:${feeds.port}/feed`, local({ resolve })));
    expect(error.code).toBe('network');
    expect(error.message).toBe(
      `could not fetch http://rebind.example:${feeds.port}/feed: connect ECONNREFUSED ::1:${feeds.port}`,
    );
    expect(asked).toEqual(['rebind.example']);
    expect(feeds.hits).toEqual([]);
  });

  it('reports a name that does not resolve as a DNS failure', async () => {
    const resolve: Resolve = async () => {
      throw new Error('getaddrinfo ENOTFOUND nowhere.example');
    };
    const error = await failure(fetchFeed('https://nowhere.example/feed', local({ resolve })));
    expect(error.code).toBe('dns');
    expect(error.message).toBe('could not resolve nowhere.example: getaddrinfo ENOTFOUND nowhere.example');
  });
});

describe('fetchFeed, limits', () => {
  it('stops reading a body that passes maxBytes', async () => {
    const error = await failure(fetchFeed(`${base()}/big`, local({ maxBytes: 1000 })));
    expect(error.code).toBe('too-large');
    expect(error.message).toBe(`${base()}/big is larger than the 1000-byte limit`);
  });

  it('refuses a declared Content-Length above maxBytes without waiting for the body', async () => {
    const started = Date.now();
    const error = await failure(fetchFeed(`${base()}/big-declared`, local({ timeoutMs: 5000 })));
    expect(error.code).toBe('too-large');
    expect(error.message).toBe(
      `${base()}/big-declared declares 10000000 bytes, more than the 5242880-byte limit`,
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('stops inflating a gzip bomb once the decompressed size passes maxBytes', async () => {
    const error = await failure(fetchFeed(`${base()}/bomb`, local()));
    expect(error.code).toBe('too-large');
    expect(error.message).toBe(`${base()}/bomb is larger than the 5242880-byte limit once decompressed`);
  });

  it('times out on a server that never sends headers', async () => {
    const started = Date.now();
    const error = await failure(fetchFeed(`${base()}/slow-headers`, local({ timeoutMs: 300 })));
    expect(error.code).toBe('timeout');
    expect(error.message).toBe(`timed out after 300 ms fetching ${base()}/slow-headers`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('times out on a body that drips in forever', async () => {
    const started = Date.now();
    const error = await failure(fetchFeed(`${base()}/slow-drip`, local({ timeoutMs: 300 })));
    expect(error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reports a 500 as an http-status failure', async () => {
    const error = await failure(fetchFeed(`${base()}/error`, local()));
    expect(error.code).toBe('http-status');
    expect(error.httpStatus).toBe(500);
    expect(error.message).toBe(`${base()}/error answered HTTP 500 Internal Server Error`);
  });
});

describe('fetchFeed, URLs it will not fetch', () => {
  for (const url of [
    'file:///etc/passwd',
    'ftp://feeds.example/cal.ics',
    'javascript:alert(1)',
    'not a url',
  ]) {
    it(`refuses ${url}`, async () => {
      const error = await failure(fetchFeed(url, local()));
      expect(error.code).toBe('bad-url');
    });
  }

  it('refuses a URL with credentials', async () => {
    const error = await failure(fetchFeed(`http://user:secret@127.0.0.1:${feeds.port}/feed`, local()));
    expect(error.code).toBe('bad-url');
    expect(error.message).toBe(
      'refused: the URL for 127.0.0.1 carries a user name or password; feeds must be public',
    );
  });
});
