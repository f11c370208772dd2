import { Buffer } from 'node:buffer';

/**
 * RFC 5545 3.3.11 TEXT unescaping: "\\" "\;" "\," and "\n" / "\N"; any other backslash stays. The
 * same result as ical.js's own unescaping (a regular expression with a callback per escape).
 *
 * The unescaped characters are written into a reused buffer and made into one flat string at the
 * end. Piecing the text together escape by escape (a description is full of "\,") made ~3 short-lived
 * strings per escape, a fifth of all the memory a feed's parse allocated, and a rope that the next
 * search had to copy flat.
 */
export function unescapeText(value: string): string {
  const firstEscape = value.indexOf('\\');
  if (firstEscape === -1) return value;
  if (value.length > UNESCAPE_BUFFER_UNITS) return unescapePiecewise(value);
  // ASCII text (most of a feed): copied into the buffer natively, then unescaped in place there,
  // reading bytes instead of a sliced string's characters.
  const { read, written } = asciiEncoder.encodeInto(value, oneByteUnits);
  if (read === value.length && written === value.length) return unescapeAsciiInPlace(firstEscape, written);
  return unescapeByCharacter(value);
}

/** The `length` bytes in the buffer unescaped, those before `firstEscape` staying where they are. */
function unescapeAsciiInPlace(firstEscape: number, length: number): string {
  let kept = firstEscape;
  for (let at = firstEscape; at < length; at++) {
    let code = oneByteUnits[at] as number;
    if (code === 92 && at + 1 < length) {
      const replacement = ESCAPED_CODE[oneByteUnits[at + 1] as number] ?? 0;
      if (replacement !== 0) {
        code = replacement;
        at++;
      }
    }
    oneByteUnits[kept++] = code;
  }
  return oneByteText.toString('latin1', 0, kept);
}

function unescapeByCharacter(value: string): string {
  let length = 0;
  for (let at = 0; at < value.length; at++) {
    let code = value.charCodeAt(at);
    if (code === 92 && at + 1 < value.length) {
      const replacement = ESCAPED_CODE[value.charCodeAt(at + 1)] ?? 0;
      if (replacement !== 0) {
        code = replacement;
        at++;
      }
    }
    if (code > 0xff) return unescapeWide(value, at, length);
    oneByteUnits[length++] = code;
  }
  return oneByteText.toString('latin1', 0, length);
}

const asciiEncoder = new TextEncoder();
/** Buffers for the text being unescaped: one byte per character while every character fits, else two. */
const UNESCAPE_BUFFER_UNITS = 64 * 1024;
// Plain typed arrays for the loops (element access on a Buffer, a subclass, is slower); Buffer views
// of the same memory only to make the strings.
const oneByteUnits = new Uint8Array(UNESCAPE_BUFFER_UNITS);
const oneByteText = Buffer.from(oneByteUnits.buffer, 0, UNESCAPE_BUFFER_UNITS);
const twoByteBuffer = Buffer.allocUnsafeSlow(2 * UNESCAPE_BUFFER_UNITS);
const twoByteUnits = new Uint16Array(twoByteBuffer.buffer, twoByteBuffer.byteOffset, UNESCAPE_BUFFER_UNITS);
/** The character an escape stands for, by the character after the backslash (0: no escape). */
const ESCAPED_CODE: readonly number[] = (() => {
  const codes = new Array<number>(128).fill(0);
  codes[92] = 92;
  codes[59] = 59;
  codes[44] = 44;
  codes[110] = 10;
  codes[78] = 10;
  return codes;
})();

/** unescapeText from `from` on, the `written` characters before it already in oneByteUnits. */
function unescapeWide(value: string, from: number, written: number): string {
  for (let index = 0; index < written; index++) twoByteUnits[index] = oneByteUnits[index] as number;
  let length = written;
  for (let at = from; at < value.length; at++) {
    let code = value.charCodeAt(at);
    if (code === 92 && at + 1 < value.length) {
      const replacement = ESCAPED_CODE[value.charCodeAt(at + 1)] ?? 0;
      if (replacement !== 0) {
        code = replacement;
        at++;
      }
    }
    twoByteUnits[length++] = code;
  }
  return twoByteBuffer.toString('utf16le', 0, 2 * length);
}

/** Escape by escape, left to right: an escaped backslash must not start another escape. */
function unescapePiecewise(value: string): string {
  let at = value.indexOf('\\');
  let unescaped = '';
  let from = 0;
  while (at !== -1 && at + 1 < value.length) {
    const replacement = ESCAPED.get(value.charCodeAt(at + 1));
    if (replacement === undefined) {
      at = value.indexOf('\\', at + 1);
      continue;
    }
    unescaped += value.slice(from, at) + replacement;
    from = at + 2;
    at = value.indexOf('\\', from);
  }
  return unescaped + value.slice(from);
}

const ESCAPED: ReadonlyMap<number, string> = new Map([
  [92, '\\'],
  [59, ';'],
  [44, ','],
  [110, '\n'],
  [78, '\n'],
]);

/** Empty or blank text counts as absent. */
export function nonBlank(value: string | null | undefined): string | null {
  return value !== null && value !== undefined && value.trim() !== '' ? value : null;
}
