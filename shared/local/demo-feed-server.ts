import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderDemoFeed } from './demo-feed-template.ts';
import { conferenceDataDirectory, demoSources, isConferenceDataFile } from './demo-sources.ts';
import { closeServer, listen } from './listen.ts';

export interface DemoFeedServer {
  readonly baseUrl: string;
  readonly port: number;
  urlFor(file: string): string;
  stop(): Promise<void>;
}

const feedDirectory = fileURLToPath(new URL('./demo-feeds/', import.meta.url));

/** Serves the demo feeds on loopback like a real publisher would: ETag, 304, a Content-Type. */
export async function startDemoFeedServer(
  options: {
    host?: string;
    port?: number;
    today?: () => Date;
    /** A file of the same name here is served instead of the shipped one (edit a feed, re-ingest, see updates). */
    overrideDirectory?: string;
  } = {},
): Promise<DemoFeedServer> {
  const host = options.host ?? '127.0.0.1';
  const today = options.today ?? (() => new Date());
  const server: Server = createServer((request, response) => {
    void (async () => {
      const name = decodeURIComponent(
        new URL(request.url ?? '/', 'http://localhost').pathname.replace(/^\/feeds\//, ''),
      );
      const source = demoSources.find((candidate) => candidate.file === name);
      if (!source || (request.method !== 'GET' && request.method !== 'HEAD')) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      let body: string;
      if (isConferenceDataFile(source.file)) {
        // Real data with real dates, served byte for byte.
        body = await readFile(
          new URL(source.file.slice('conference-data/'.length), conferenceDataDirectory),
          'utf8',
        );
      } else {
        const override = options.overrideDirectory ? join(options.overrideDirectory, source.file) : null;
        const text = await readFile(override ?? '', 'utf8').catch(() =>
          readFile(`${feedDirectory}${source.file}`, 'utf8'),
        );
        body = renderDemoFeed(text, today());
      }
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
      if (request.headers['if-none-match'] === etag) {
        response.writeHead(304, { etag }).end();
        return;
      }
      response.writeHead(200, { 'content-type': source.contentType, etag, 'cache-control': 'max-age=300' });
      response.end(request.method === 'HEAD' ? undefined : body);
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const port = await listen(server, host, options.port ?? 0, 'demo feed server', 'TRELLIS_FEEDS_PORT');
  const baseUrl = `http://${host}:${port}`;
  return { baseUrl, port, urlFor: (file) => `${baseUrl}/feeds/${file}`, stop: () => closeServer(server) };
}
