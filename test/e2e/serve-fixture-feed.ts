import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { closeServer, listen } from '../../shared/local/listen.ts';

export interface FixtureFeedServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** `{{name}}` in the file → values[name]; a placeholder without a value is a mistake in the test. */
function fillIn(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{([a-z-]+)\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {{${name}}} in the fixture feed`);
    return value;
  });
}

/** Serves one iCalendar template on loopback, filled in, as a publisher would (CRLF lines, text/calendar). */
export async function serveFixtureFeed(
  file: URL,
  values: Readonly<Record<string, string>>,
  path = '/feed.ics',
): Promise<FixtureFeedServer> {
  const body = fillIn(await readFile(file, 'utf8'), values).replace(/\r?\n/g, '\r\n');
  const server = createServer((request, response) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== path) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  const port = await listen(server, '127.0.0.1', 0, 'fixture feed server');
  return { url: `http://127.0.0.1:${port}${path}`, stop: () => closeServer(server) };
}
