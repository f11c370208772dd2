import { randomBytes } from 'node:crypto';
import { MailCompositionError } from './mail-composition-error.ts';
import {
  base64Lines,
  encodeHeaderText,
  foldHeader,
  hasLongerLines,
  isPlainText,
  normalizeHeaderName,
  quotedPrintable,
  textEncodingOf,
} from './mime-encoding.ts';

/**
 * A small MIME writer (RFC 2045–2047, 2183, 5322) for the messages Trellis sends: a tree of multiparts over text
 * bodies and attachments, all content in memory. Text goes as 7bit when it is short-lined ASCII, else as
 * quoted-printable or base64 (whichever suits the text); attachments as base64. Line ends are CRLF throughout.
 */

export interface MimeLeaf {
  /** `text/plain; charset=utf-8`, `application/ics; method=REQUEST`, … */
  readonly contentType: string;
  readonly content: string | Uint8Array;
  /** Set for an attachment: `Content-Disposition: attachment; filename=…` and base64. */
  readonly filename?: string;
}

export interface MimeMultipart {
  readonly multipart: 'mixed' | 'alternative';
  readonly parts: readonly MimeNode[];
}

export type MimeNode = MimeLeaf | MimeMultipart;

/** A header field of the message: the value already encoded for a header, or plain text to encode. */
export interface MimeHeader {
  readonly name: string;
  readonly value: string;
  /** `text` (the default): encoded words where needed. `structured`: written as given (addresses, ids, dates). */
  readonly kind?: 'text' | 'structured';
}

const TYPE = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+$/;
const PARAMETER = /^([A-Za-z0-9!#$&^_.+-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s";]+))$/;
const FILENAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,59}$/;

interface ContentType {
  readonly type: string;
  readonly params: Map<string, string>;
}

function parseContentType(value: string): ContentType {
  const [type = '', ...rest] = value.split(';').map((part) => part.trim());
  if (!TYPE.test(type)) throw new MailCompositionError(`Not a content type: '${value}'`);
  const params = new Map<string, string>();
  for (const part of rest) {
    if (!part) continue;
    const match = PARAMETER.exec(part);
    if (!match) throw new MailCompositionError(`Not a content type parameter: '${part}' in '${value}'`);
    params.set((match[1] ?? '').toLowerCase(), match[2]?.replace(/\\(.)/g, '$1') ?? match[3] ?? '');
  }
  return { type: type.toLowerCase(), params };
}

/** `value; key=token; key="quoted string"`: parameters are printable ASCII (anything else is refused). */
function headerValue(value: string, params: Iterable<[string, string]>): string {
  let out = value;
  for (const [key, parameter] of params) {
    if (!/^[\x20-\x7e]*$/.test(parameter) || parameter.includes('"') || parameter.length >= 75) {
      throw new MailCompositionError(`A content parameter must be short printable ASCII: '${parameter}'`);
    }
    const bare = parameter.length > 0 && !/[\s'"\\;:/=(),<>@[\]?]|^-/.test(parameter);
    out += `; ${key}=${bare ? parameter : JSON.stringify(parameter)}`;
  }
  return out;
}

function isMultipart(node: MimeNode): node is MimeMultipart {
  return 'multipart' in node;
}

function transferEncodingOf(leaf: MimeLeaf, type: string): '7bit' | 'quoted-printable' | 'base64' {
  if (!type.startsWith('text/') || leaf.filename !== undefined) return 'base64';
  const text = typeof leaf.content === 'string' ? leaf.content : Buffer.from(leaf.content).toString('utf8');
  if (typeof leaf.content === 'string' && isPlainText(text) && !hasLongerLines(text, 76)) return '7bit';
  return textEncodingOf(text) === 'Q' ? 'quoted-printable' : 'base64';
}

/** Bare LF to CRLF (a CR already in place is kept). */
function crlf(text: string): string {
  return text.replace(/(?<!\r)\n/g, '\r\n');
}

interface Writer {
  readonly chunks: string[];
  readonly base: string;
  next: number;
}

/** Writes one node: its headers (`extra` first, for the message's own fields at the top), a blank line, the body. */
function writeNode(node: MimeNode, writer: Writer, extra: readonly string[]): void {
  const id = writer.next;
  writer.next += 1;
  if (isMultipart(node)) {
    const boundary = `--_NmP-${writer.base}-Part_${id}`;
    writer.chunks.push(
      [
        ...extra,
        foldHeader(`Content-Type: ${headerValue(`multipart/${node.multipart}`, [['boundary', boundary]])}`),
      ].join('\r\n'),
      '\r\n\r\n',
    );
    node.parts.forEach((part, index) => {
      writer.chunks.push(`${index > 0 ? '\r\n' : ''}--${boundary}\r\n`);
      writeNode(part, writer, []);
    });
    writer.chunks.push(`\r\n--${boundary}--\r\n`);
    return;
  }
  const { type, params } = parseContentType(node.contentType);
  const encoding = transferEncodingOf(node, type);
  if (type === 'text/plain' && typeof node.content === 'string' && /[\u0080-\uffff]/.test(node.content)) {
    params.set('charset', 'utf-8');
  }
  let contentType = headerValue(type, params);
  const fields: string[] = [];
  if (node.filename !== undefined) {
    if (!FILENAME.test(node.filename)) {
      throw new MailCompositionError(
        `An attachment's file name must be a plain ASCII name: '${node.filename}'`,
      );
    }
    contentType = headerValue(type, [
      ...[...params].filter(([key]) => key !== 'name'),
      ['name', node.filename],
    ]);
  }
  // The message's own fields, then (for a one-part message) the body's, Content-Type last as nodemailer has it.
  // Empty content has no body and so no transfer encoding; what is not text is an attachment.
  const own: string[] = [];
  if (node.content !== '') own.push(`Content-Transfer-Encoding: ${encoding}`);
  if (node.filename !== undefined) own.push(`Content-Disposition: attachment; filename=${node.filename}`);
  else if (!type.startsWith('text/')) own.push('Content-Disposition: attachment');
  if (extra.length) {
    const mimeVersion = extra.at(-1) ?? '';
    fields.push(...extra.slice(0, -1), ...own, mimeVersion, foldHeader(`Content-Type: ${contentType}`));
  } else {
    fields.push(foldHeader(`Content-Type: ${contentType}`), ...own);
  }
  writer.chunks.push(fields.join('\r\n'), '\r\n\r\n');
  const content = node.content;
  if (encoding === '7bit') writer.chunks.push(crlf(typeof content === 'string' ? content : ''));
  else if (encoding === 'quoted-printable') writer.chunks.push(crlf(quotedPrintable(content)));
  else writer.chunks.push(base64Lines(content));
}

/**
 * The whole message: `headers` in order (encoded and folded at 76), `MIME-Version: 1.0`, then the body tree.
 * Multipart boundaries are random (`--_NmP-<16 hex>-Part_<n>`), so they cannot occur in an encoded body.
 */
export function buildMimeMessage(headers: readonly MimeHeader[], body: MimeNode): Uint8Array {
  const fields: string[] = [];
  for (const header of headers) {
    const value = header.kind === 'structured' ? header.value : encodeHeaderText(header.value);
    // A field with nothing in it is left out rather than written empty.
    if (value.trim()) fields.push(foldHeader(`${normalizeHeaderName(header.name)}: ${value}`));
  }
  fields.push('MIME-Version: 1.0');
  const writer: Writer = { chunks: [], base: randomBytes(8).toString('hex'), next: 1 };
  writeNode(body, writer, fields);
  let text = writer.chunks.join('');
  if (!text.endsWith('\n')) text += text.endsWith('\r') ? '\n' : '\r\n';
  return new Uint8Array(Buffer.from(text, 'utf8'));
}
