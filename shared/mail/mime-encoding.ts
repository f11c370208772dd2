import { domainToASCII, domainToUnicode } from 'node:url';

/**
 * The encodings a mail message needs (RFC 2045 quoted-printable and base64 bodies, RFC 2047 encoded words in
 * headers, RFC 5322 folding), written to produce the same bytes as nodemailer's MIME composer (MIT-0), whose
 * choices these follow: Q or B words by the share of Latin letters, words of at most 52 characters, header lines
 * folded at 76, quoted-printable lines of at most 76 with soft breaks, base64 in lines of 76.
 */

const CRLF = '\r\n';

/** Printable ASCII plus TAB, CR and LF (DEL included, as nodemailer has it): text that can go as 7bit. */
export function isPlainText(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) if (isBinary(value.charCodeAt(i))) return false;
  return true;
}

/** A control character other than TAB, CR and LF, or anything beyond ASCII. */
function isBinary(code: number): boolean {
  return code <= 0x08 || code === 0x0b || code === 0x0c || (code >= 0x0e && code <= 0x1f) || code >= 0x80;
}

/** True when a line of `value` is longer than `lineLength` characters (anything over 128 KB counts as long). */
export function hasLongerLines(value: string, lineLength: number): boolean {
  if (value.length > 128 * 1024) return true;
  return new RegExp(`^.{${lineLength + 1},}`, 'm').test(value);
}

/** 'Q' when Latin letters outnumber non-ASCII and control characters, else 'B'. */
export function textEncodingOf(value: string): 'Q' | 'B' {
  let nonLatin = 0;
  let latin = 0;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (isBinary(code)) nonLatin += 1;
    else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin += 1;
  }
  return nonLatin < latin ? 'Q' : 'B';
}

const HEX = '0123456789ABCDEF';
const isQpLiteral = (byte: number): boolean =>
  byte === 0x09 ||
  byte === 0x0a ||
  byte === 0x0d ||
  (byte >= 0x20 && byte <= 0x3c) ||
  (byte >= 0x3e && byte <= 0x7e);

/**
 * Quoted-printable escapes without line wrapping; a space or tab before a line end or the end is escaped (`next`:
 * the byte after `bytes` when they are a slice of more).
 */
export function qpEscape(bytes: Uint8Array, after?: number): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i] as number;
    const next = i + 1 < bytes.length ? bytes[i + 1] : after;
    const whitespace = byte === 0x20 || byte === 0x09;
    if (isQpLiteral(byte) && !(whitespace && (next === undefined || next === 0x0a || next === 0x0d))) {
      out += String.fromCharCode(byte);
    } else {
      out += `=${HEX[byte >> 4]}${HEX[byte & 15]}`;
    }
  }
  return out;
}

/** Soft line breaks (`=` CRLF) so that no quoted-printable line is longer than `lineLength`. */
export function qpWrap(str: string, lineLength = 76): string {
  if (str.length <= lineLength) return str;
  const len = str.length;
  const margin = Math.floor(lineLength / 3);
  let pos = 0;
  let result = '';
  while (pos < len) {
    let line = str.substr(pos, lineLength);
    let match = line.match(/\r\n/);
    if (match) {
      line = line.substr(0, (match.index ?? 0) + 2);
      result += line;
      pos += line.length;
      continue;
    }
    if (line.endsWith('\n')) {
      result += line;
      pos += line.length;
      continue;
    }
    match = line.substr(-margin).match(/\n.*?$/);
    if (match) {
      line = line.substr(0, line.length - (match[0].length - 1));
      result += line;
      pos += line.length;
      continue;
    }
    const breakAt =
      line.length > lineLength - margin ? line.substr(-margin).match(/[ \t.,!?][^ \t.,!?]*$/) : null;
    if (breakAt) {
      // break after the last space or punctuation near the end
      line = line.substr(0, line.length - (breakAt[0].length - 1));
    } else if (/[=][\da-f]{0,2}$/i.test(line)) {
      // an escape cut short goes to the next line, and so does a UTF-8 sequence cut in two
      match = line.match(/[=][\da-f]{0,1}$/i);
      if (match) line = line.substr(0, line.length - match[0].length);
      while (line.length > 3 && line.length < len - pos && !/^(?:=[\da-f]{2}){1,4}$/i.test(line)) {
        const escaped = line.match(/[=][\da-f]{2}$/gi);
        if (!escaped) break;
        const code = Number.parseInt(escaped[0].substr(1, 2), 16);
        if (code < 128) break;
        line = line.substr(0, line.length - 3);
        if (code >= 0xc0) break;
      }
    }
    if (!line.length) line = str.substr(pos, lineLength);
    if (pos + line.length < len && !line.endsWith('\n')) {
      if (line.length === lineLength && /[=][\da-f]{2}$/i.test(line)) line = line.substr(0, line.length - 3);
      else if (line.length === lineLength) line = line.substr(0, line.length - 1);
      pos += line.length;
      line += `=${CRLF}`;
    } else {
      pos += line.length;
    }
    result += line;
  }
  return result;
}

const QP_SLICE = 64 * 1024;

/**
 * A body as quoted-printable: UTF-8, escaped, wrapped at 76. Done as nodemailer's stream encoder does it, so the
 * line breaks fall in the same places: 64 KB at a time, each slice's last line carried into the next, and white
 * space at the very end encoded on its own after the rest.
 */
export function quotedPrintable(content: string | Uint8Array): string {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0x09)) end -= 1;
  if (bytes.length - end > QP_SLICE) end = bytes.length;
  let out = '';
  let carried = '';
  const encode = (part: Uint8Array) => {
    for (let start = 0; start < part.length; start += QP_SLICE) {
      const stop = Math.min(start + QP_SLICE, part.length);
      const wrapped = qpWrap(carried + qpEscape(part.subarray(start, stop), part[stop]));
      const lastLineFeed = wrapped.lastIndexOf('\n');
      carried = wrapped.substring(lastLineFeed + 1);
      out += wrapped.substring(0, lastLineFeed + 1);
    }
  };
  encode(bytes.subarray(0, end));
  encode(bytes.subarray(end));
  return out + carried;
}

/** A body as base64 in lines of 76. */
export function base64Lines(content: string | Uint8Array): string {
  const encoded = Buffer.from(typeof content === 'string' ? Buffer.from(content, 'utf8') : content).toString(
    'base64',
  );
  const lines: string[] = [];
  for (let at = 0; at < encoded.length; at += 76) lines.push(encoded.slice(at, at + 76));
  return lines.join(CRLF);
}

/** Splits a Q-encoded string into chunks of at most `maxLength`, never inside an escape or a UTF-8 sequence. */
function splitQEncoded(encoded: string, maxLength: number): string[] {
  const chunks: string[] = [];
  const max = Math.max(maxLength, 12);
  let rest = encoded;
  while (rest.length) {
    let chunk = rest.substr(0, max);
    const cut = chunk.match(/[=][0-9A-F]?$/i);
    if (cut) chunk = chunk.substr(0, cut.index);
    const fallback = chunk.length ? chunk : rest.substr(0, max);
    let done = false;
    while (!done && chunk.length) {
      done = true;
      const next = rest.substr(chunk.length).match(/^[=]([0-9A-F]{2})/i);
      if (next) {
        const code = Number.parseInt(next[1] ?? '', 16);
        if (code < 0xc2 && code > 0x7f) {
          chunk = chunk.substr(0, chunk.length - 3);
          done = false;
        }
      }
    }
    if (!chunk.length) chunk = fallback;
    chunks.push(chunk);
    rest = rest.substr(chunk.length);
  }
  return chunks;
}

/** RFC 2047 encoded words (UTF-8, Q or B as `textEncodingOf` decides), each at most 52 characters long. */
export function encodeWord(value: string, maxLength = 52): string {
  const encoding = textEncodingOf(value);
  const budget = maxLength - 12; // '=?UTF-8?Q?' and '?='
  let words: string[];
  if (encoding === 'Q') {
    const encoded = qpEscape(Buffer.from(value, 'utf8')).replace(/[^a-z0-9!*+\-/=]/gi, (chr) =>
      chr === ' ' ? '_' : `=${chr.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
    );
    words = encoded.length > budget ? splitQEncoded(encoded, budget) : [encoded];
  } else {
    // Whole characters per word (RFC 2047 6.3): as many UTF-8 bytes as fit `budget` base64 characters.
    const bytesPerWord = Math.max(3, ((budget - (budget % 4)) / 4) * 3);
    words = [];
    let part = '';
    const characters = Array.from(value);
    characters.forEach((chr, index) => {
      if (Buffer.byteLength(part + chr) <= bytesPerWord || index === 0) part += chr;
      else {
        words.push(Buffer.from(part, 'utf8').toString('base64'));
        part = chr;
      }
    });
    if (part) words.push(Buffer.from(part, 'utf8').toString('base64'));
  }
  return words.map((word) => `=?UTF-8?${encoding}?${word}?=`).join(' ');
}

/** What a receiver could decode as an encoded word: `=?charset?Q?text?=`, leniently, or a word in `=?…?=`. */
const ENCODED_WORD_LIKE = /=\?[^?]*\?[BbQq]\?[^?]*\?=/;
const WORD_LIKE = /(?:^|\s)=\?\S*\?=(?:\s|$)/;

/**
 * An unstructured header value (Subject, List-Unsubscribe, …): as it is when it is printable ASCII without a
 * quote, else the whole value as encoded words. A value holding something a receiver would decode as an encoded
 * word is encoded too (nodemailer let a valid one through), so that it reads as the text it is.
 */
export function encodeHeaderText(value: string): string {
  let special = ENCODED_WORD_LIKE.test(value) || WORD_LIKE.test(value);
  for (let i = 0; i < value.length && !special; i += 1) {
    const code = value.charCodeAt(i);
    special = code === 0x22 || code === 0x7f || isBinary(code);
  }
  return special ? encodeWord(value) : value;
}

/** `"…"` with quotes and backslashes escaped. */
export function quoteString(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** A display name: bare when it is words and spaces, quoted when it is other printable ASCII, else encoded. */
export function encodeDisplayName(name: string): string {
  if (/^[\w ]*$/.test(name)) return name;
  if (/^[\x20-\x7e]*$/.test(name)) return quoteString(name);
  return encodeWord(name);
}

const ATEXT = "[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~\\x80-\\uFFFF]";
const DOT_ATOM = new RegExp(`^${ATEXT}+(?:\\.${ATEXT}+)*$`);
const QUOTED_STRING = /^"(?:[^"\\]|\\[\s\S])*"$/;
const PLAIN_ADDRESS = /^[^\s"(),:;<>@[\\\]]+@[^\s"(),:;<>@[\\\]]+$/;

/** An addr-spec as it goes into a header: the local part a dot-atom or quoted, the domain in A-labels. */
export function normalizeAddress(address: string): string {
  const cleaned = address.replace(/[\p{Cc}<>]+/gu, ' ').trim();
  const at = cleaned.lastIndexOf('@');
  if (at < 0) return cleaned;
  const local = cleaned.slice(0, at);
  const domain = cleaned.slice(at + 1);
  const ascii = /[/\\?#%\s\p{Cc}]/u.test(domain) ? '' : domainToASCII(domain);
  // A non-ASCII local part needs SMTPUTF8 anyway, so the domain stays in Unicode beside it.
  const utf8 = /[\x80-\uffff]/.test(local);
  const normalizedDomain = ascii ? (utf8 ? domainToUnicode(ascii) || ascii : ascii) : domain.toLowerCase();
  const normalizedLocal = DOT_ATOM.test(local) || QUOTED_STRING.test(local) ? local : quoteString(local);
  return `${normalizedLocal}@${normalizedDomain}`;
}

/** One mailbox for From, To or Reply-To: `Name <address>`, or the bare address (bracketed if it needs it). */
export function formatMailbox(mailbox: { readonly name: string | null; readonly address: string }): string {
  const address = normalizeAddress(mailbox.address);
  if (mailbox.name) return `${encodeDisplayName(mailbox.name)} <${address}>`;
  return PLAIN_ADDRESS.test(address) ? address : `<${address}>`;
}

/**
 * A header field folded at white space into lines of at most `lineLength` where it can be (RFC 5322 2.2.3):
 * a run without white space longer than that stays whole.
 */
export function foldHeader(field: string, lineLength = 76): string {
  let pos = 0;
  const len = field.length;
  let result = '';
  while (pos < len) {
    let line = field.substr(pos, lineLength);
    if (line.length < lineLength) {
      result += line;
      break;
    }
    let match = line.match(/^[^\n\r]*(\r?\n|\r)/);
    if (match) {
      line = match[0];
      result += line;
      pos += line.length;
      continue;
    }
    match = line.match(/(\s+)[^\s]*$/);
    if (match && match[0].length < line.length) {
      line = line.substr(0, line.length - match[0].length);
    } else {
      match = field.substr(pos + line.length).match(/^[^\s]+(\s*)/);
      if (match) line += match[0].substr(0, match[0].length - (match[1] ?? '').length);
    }
    result += line;
    pos += line.length;
    if (pos < len) result += CRLF;
  }
  return result;
}

/** Header names as nodemailer writes them: `Message-ID`, `MIME-Version`, `List-Unsubscribe-Post`. */
export function normalizeHeaderName(name: string): string {
  return name
    .replace(/[\s\p{Cc}:]/gu, '')
    .toLowerCase()
    .replace(/^X-SMTPAPI$|^(MIME|DKIM|ARC|BIMI)\b|^OTP(?=-Token$)|^[a-z]|-(SPF|FBL|ID|MD5)$|-[a-z]/gi, (c) =>
      c.toUpperCase(),
    )
    .replace(/^Content-Features$/i, 'Content-features');
}
