import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startDemoFeedServer } from '../../../shared/local/demo-feed-server.ts';
import { closeServer, listen, PortInUseError } from '../../../shared/local/listen.ts';

describe('local servers and busy ports', () => {
  it('reports a busy port with the variable that moves it', async () => {
    const blocker = createServer();
    const port = await listen(blocker, '127.0.0.1', 0, 'blocker');
    try {
      await expect(startDemoFeedServer({ port })).rejects.toThrow(
        new PortInUseError(
          `demo feed server: port ${port} on 127.0.0.1 is already in use. Set TRELLIS_FEEDS_PORT to a free port.`,
        ),
      );
    } finally {
      await closeServer(blocker);
    }
  });

  it('serves demo feeds with an ETag and answers a matching If-None-Match with 304', async () => {
    const feeds = await startDemoFeedServer({ port: 0, today: () => new Date('2030-01-01T00:00:00Z') });
    try {
      const first = await fetch(feeds.urlFor('berlin-tech.ics'));
      expect(first.status).toBe(200);
      expect(await first.text()).toContain('DTSTART;TZID=Europe/Berlin:20300107T093000');
      const etag = first.headers.get('etag') ?? '';
      const second = await fetch(feeds.urlFor('berlin-tech.ics'), { headers: { 'if-none-match': etag } });
      expect(second.status).toBe(304);
      expect((await fetch(`${feeds.baseUrl}/feeds/../package.json`)).status).toBe(404);
    } finally {
      await feeds.stop();
    }
  });
});
