import type { IncomingMessage } from 'node:http';
import { Transform, type TransformCallback, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  createBrotliDecompress,
  createGunzip,
  createInflate,
  createInflateRaw,
  type Inflate,
  type InflateRaw,
} from 'node:zlib';
import { SourceFetchError } from '../security/source-fetch-error.ts';

export interface ReadBodyOptions {
  /** Cap on the DECODED size: a small gzip can inflate to gigabytes. */
  readonly maxBytes: number;
  readonly signal: AbortSignal;
  /** Names the resource in error messages. */
  readonly url: string;
}

/** Reads a response body, undoing its Content-Encoding, and stops as soon as it passes maxBytes. */
export async function readCappedBody(
  response: IncomingMessage,
  options: ReadBodyOptions,
): Promise<Uint8Array> {
  let decoders: Transform[];
  try {
    // Some servers label an empty body gzip; zlib would call it truncated.
    const empty = response.headers['content-length'] === '0';
    decoders = empty ? [] : decodersFor(response.headers['content-encoding'], options.url);
  } catch (error) {
    response.destroy();
    throw error;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > options.maxBytes) {
        const decoded = decoders.length > 0 ? ' once decompressed' : '';
        callback(
          new SourceFetchError(
            'too-large',
            `${options.url} is larger than the ${options.maxBytes}-byte limit${decoded}`,
          ),
        );
        return;
      }
      chunks.push(chunk);
      callback();
    },
  });
  try {
    await pipeline([response, ...decoders, sink], { signal: options.signal });
  } catch (error) {
    if (error instanceof SourceFetchError || options.signal.aborted) throw error;
    const why = error instanceof Error ? error.message : String(error);
    const what = decoders.length > 0 ? 'reading or decompressing' : 'reading';
    throw new SourceFetchError('network', `failed while ${what} the body of ${options.url}: ${why}`);
  }
  // A fresh array rather than Buffer.concat, which may hand out a slice of Node's shared pool.
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}

/** Decoders to apply in order: Content-Encoding lists codings in the order they were applied. */
function decodersFor(header: string | undefined, url: string): Transform[] {
  const codings = (header ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  return codings.reverse().map((coding) => {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        return createGunzip();
      case 'deflate':
        return new DeflateDecoder();
      case 'br':
        return createBrotliDecompress();
      default:
        throw new SourceFetchError('network', `${url} was sent with an unsupported encoding "${coding}"`);
    }
  });
}

/**
 * HTTP "deflate" should be zlib-wrapped, but some servers send raw deflate. The first byte tells
 * them apart (a zlib header's low nibble is 8, the deflate method), as browsers do.
 */
class DeflateDecoder extends Transform {
  #inner: Inflate | InflateRaw | null = null;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.#inner === null) {
      const first = chunk[0] ?? 0;
      const inner = (first & 0x0f) === 0x08 ? createInflate() : createInflateRaw();
      inner.on('data', (data: Buffer) => this.push(data));
      inner.on('error', (error) => this.destroy(error));
      this.#inner = inner;
    }
    this.#inner.write(chunk, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    const inner = this.#inner;
    if (inner === null) {
      callback();
      return;
    }
    inner.once('end', () => callback());
    inner.end();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#inner?.destroy();
    callback(error);
  }
}
