import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../shared/feeds/decode-body.ts';

const encoder = new TextEncoder();

describe('decodeBody', () => {
  it('reads ISO-8859-1 declared in the XML declaration', () => {
    const body = readFileSync(new URL('../../fixtures/feeds/latin1.xml', import.meta.url));
    const decoded = decodeBody(body, 'application/xml');
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toContain('<title>Künstliche Intelligenz im Café</title>');
    expect(decoded.problems).toEqual([]);
  });

  it('lets a UTF-8 byte-order mark win over a wrong Content-Type charset, and drops the mark', () => {
    const body = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode('<rss>Zürich</rss>')]);
    const decoded = decodeBody(body, 'text/xml; charset=iso-8859-1');
    expect(decoded).toEqual({ text: '<rss>Zürich</rss>', encoding: 'utf-8', problems: [] });
  });

  it('takes the Content-Type charset before the document declaration', () => {
    const body = new Uint8Array([
      ...encoder.encode('<?xml version="1.0" encoding="utf-8"?><a>'),
      0xe9,
      ...encoder.encode('</a>'),
    ]);
    expect(decodeBody(body, 'text/xml; charset="ISO-8859-1"').text).toBe(
      '<?xml version="1.0" encoding="utf-8"?><a>é</a>',
    );
  });

  it('reads an HTML meta charset', () => {
    const body = new Uint8Array([
      ...encoder.encode('<html><head><meta charset="windows-1252"></head><body>'),
      0x80,
      ...encoder.encode('</body>'),
    ]);
    expect(decodeBody(body).text).toBe('<html><head><meta charset="windows-1252"></head><body>€</body>');
  });

  it('falls back to UTF-8 with a problem for an unknown encoding label', () => {
    const decoded = decodeBody(encoder.encode('<rss>ok</rss>'), 'text/xml; charset=x-klingon');
    expect(decoded).toEqual({
      text: '<rss>ok</rss>',
      encoding: 'utf-8',
      problems: [
        {
          entry: null,
          message: 'unknown character encoding "x-klingon"; read as UTF-8',
          severity: 'warning',
        },
      ],
    });
  });

  it('reads a UTF-16 declaration in ASCII-readable bytes as UTF-8', () => {
    const body = encoder.encode('<?xml version="1.0" encoding="UTF-16"?><rss>Zürich</rss>');
    expect(decodeBody(body).text).toBe('<?xml version="1.0" encoding="UTF-16"?><rss>Zürich</rss>');
  });

  it('passes strings through, without a leading byte-order mark', () => {
    expect(decodeBody('\ufeffBEGIN:VCALENDAR').text).toBe('BEGIN:VCALENDAR');
  });
});
