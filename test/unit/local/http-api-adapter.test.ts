import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalHttpApi, toHttpApiEvent } from '../../../shared/local/http-api-adapter.ts';
import { silentLogger } from '../../../shared/log/logger.ts';

function captureRequest(
  send: (url: string) => Promise<unknown>,
): Promise<{ request: IncomingMessage; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        resolve({ request, body: Buffer.concat(chunks) });
        response.end();
        server.close();
      });
    });
    server.listen(0, '127.0.0.1', () => {
      send(`http://127.0.0.1:${(server.address() as AddressInfo).port}`).catch(reject);
    });
  });
}

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

describe('HTTP API payload v2 adapter', () => {
  it('turns a request into an HTTP API v2 event: path, query, cookies, lower-case headers, text body', async () => {
    const { request, body } = await captureRequest((url) =>
      fetch(`${url}/api/items?tag=a&tag=b&q=x%20y`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: 'session=abc; theme=dark', 'X-Custom': 'yes' },
        body: '{"name":"Ana"}',
      }),
    );
    const event = toHttpApiEvent(request, body);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/api/items',
      rawQueryString: 'tag=a&tag=b&q=x%20y',
      cookies: ['session=abc', 'theme=dark'],
      queryStringParameters: { tag: 'a,b', q: 'x y' },
      body: '{"name":"Ana"}',
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'POST', path: '/api/items', sourceIp: '127.0.0.1' },
        stage: '$default',
      },
    });
    expect(event.headers['x-custom']).toBe('yes');
    expect(event.headers.cookie).toBeUndefined();
  });

  it('base64-encodes binary bodies', async () => {
    const bytes = Buffer.from([0, 255, 1, 254]);
    const { request, body } = await captureRequest((url) =>
      fetch(url, { method: 'PUT', headers: { 'Content-Type': 'application/octet-stream' }, body: bytes }),
    );
    const event = toHttpApiEvent(request, body);
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64')).toEqual(bytes);
  });

  it('writes structured results with cookies, turns bare values into JSON, and hides handler crashes behind a 500', async () => {
    const api = await startLocalHttpApi(
      [
        {
          pathPrefix: '/crash',
          functionName: 'crash',
          handler: async () => Promise.reject(new Error('secret detail')),
        },
        { pathPrefix: '/bare', functionName: 'bare', handler: async () => ({ hello: 'world' }) as never },
        {
          pathPrefix: '/',
          functionName: 'page',
          handler: async () => ({
            statusCode: 201,
            headers: { 'X-Thing': '1' },
            cookies: ['a=1', 'b=2'],
            body: 'made',
          }),
        },
      ],
      { port: 0, logger: silentLogger },
    );
    stops.push(api.stop);

    const page = await fetch(`${api.url}/anything`);
    expect(page.status).toBe(201);
    expect(page.headers.get('x-thing')).toBe('1');
    expect(page.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await page.text()).toBe('made');

    const bare = await fetch(`${api.url}/bare`);
    expect(bare.headers.get('content-type')).toBe('application/json');
    expect(await bare.json()).toEqual({ hello: 'world' });

    const crash = await fetch(`${api.url}/crash`);
    expect(crash.status).toBe(500);
    expect(await crash.text()).not.toContain('secret');
  });

  it('answers HEAD without a body', async () => {
    const api = await startLocalHttpApi(
      [
        {
          pathPrefix: '/',
          functionName: 'page',
          handler: async () => ({ statusCode: 200, body: 'content' }),
        },
      ],
      {
        port: 0,
        logger: silentLogger,
      },
    );
    stops.push(api.stop);
    const length = await new Promise<number>((resolve) => {
      httpRequest(`${api.url}/`, { method: 'HEAD' }, (response) => {
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
        });
        response.on('end', () => resolve(size));
      }).end();
    });
    expect(length).toBe(0);
  });
});
