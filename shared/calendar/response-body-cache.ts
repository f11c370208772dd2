import { gunzipSync } from 'node:zlib';

export type BodyEncoding = 'utf8' | 'base64';

/**
 * Response bodies ready to hand to the HTTP API (a UTF-8 string, or base64 of the gzip bytes), by
 * ETag and encoding. Keys are content-addressed, so an entry can never be stale; the cache is
 * bounded by the bytes it holds, oldest out first. Without it every request would decode and
 * re-encode a ~300 KB feed.
 */
export function createResponseBodyCache(maxBytes: number) {
  const bodies = new Map<string, string>();
  let heldBytes = 0;
  const sizeOf = (body: string) => body.length * 2;

  function remember(key: string, body: string) {
    if (sizeOf(body) > maxBytes) return;
    while (heldBytes + sizeOf(body) > maxBytes) {
      const [oldest] = bodies.entries().next().value ?? [];
      if (oldest === undefined) break;
      heldBytes -= sizeOf(bodies.get(oldest) ?? '');
      bodies.delete(oldest);
    }
    bodies.set(key, body);
    heldBytes += sizeOf(body);
  }

  return {
    get(etag: string, encoding: BodyEncoding): string | undefined {
      return bodies.get(`${encoding}:${etag}`);
    },
    /** Encodes a gzip body both ways as asked, keeps it, returns it. */
    put(etag: string, encoding: BodyEncoding, gzipBody: Uint8Array, plain?: string): string {
      const body =
        encoding === 'base64'
          ? Buffer.from(gzipBody).toString('base64')
          : (plain ?? gunzipSync(gzipBody).toString('utf8'));
      remember(`${encoding}:${etag}`, body);
      return body;
    },
  };
}

export type ResponseBodyCache = ReturnType<typeof createResponseBodyCache>;
