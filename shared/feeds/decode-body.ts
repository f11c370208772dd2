/**
 * Response bytes → text. The encoding is taken from, in order: a byte-order mark, the Content-Type
 * charset, the XML declaration's encoding, an HTML `<meta charset>`; else UTF-8. Unknown labels fall
 * back to UTF-8 with a problem rather than failing the feed.
 */
import type { FeedProblem } from './feed-event.ts';

export interface DecodedBody {
  readonly text: string;
  /** The WHATWG name of the encoding used ("utf-8", "windows-1252", …). */
  readonly encoding: string;
  readonly problems: FeedProblem[];
}

/** Declarations are near the top; looking further only costs time on large feeds. */
const SNIFF_BYTES = 2048;
const CHARSET_PARAMETER = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i;
const XML_DECLARATION_ENCODING = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([^"']+)["']/i;
const META_CHARSET = /<meta\s[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i;
const UTF_16_LABEL = /^(?:utf-?16|ucs-?2|unicode)/i;

export function decodeBody(body: Uint8Array | string, contentType?: string | null): DecodedBody {
  if (typeof body === 'string') {
    return { text: body.charCodeAt(0) === 0xfeff ? body.slice(1) : body, encoding: 'utf-8', problems: [] };
  }
  const bom = byteOrderMark(body);
  if (bom)
    return {
      text: new TextDecoder(bom.encoding).decode(body.subarray(bom.length)),
      encoding: bom.encoding,
      problems: [],
    };

  const declared = charsetOf(contentType) ?? declaredInDocument(body);
  if (declared === null)
    return { text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8', problems: [] };
  try {
    const decoder = new TextDecoder(declared);
    return { text: decoder.decode(body), encoding: decoder.encoding, problems: [] };
  } catch {
    return {
      text: new TextDecoder('utf-8').decode(body),
      encoding: 'utf-8',
      problems: [
        {
          entry: null,
          message: `unknown character encoding "${declared}"; read as UTF-8`,
          severity: 'warning',
        },
      ],
    };
  }
}

function byteOrderMark(body: Uint8Array): { encoding: string; length: number } | null {
  const [first, second, third] = body;
  if (first === 0xef && second === 0xbb && third === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (first === 0xff && second === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (first === 0xfe && second === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

function charsetOf(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = CHARSET_PARAMETER.exec(contentType);
  const charset = (match?.[1] ?? match?.[2] ?? '').trim();
  return charset === '' ? null : charset;
}

/**
 * The XML declaration or HTML meta charset, read from the first bytes as ASCII (both are ASCII). A
 * declaration readable as ASCII cannot be UTF-16 without a byte-order mark, so that label means UTF-8
 * (as the HTML standard also says).
 */
function declaredInDocument(body: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(body.subarray(0, SNIFF_BYTES));
  const declared = (XML_DECLARATION_ENCODING.exec(head)?.[1] ?? META_CHARSET.exec(head)?.[1])?.trim();
  if (!declared) return null;
  return UTF_16_LABEL.test(declared) ? 'utf-8' : declared;
}
