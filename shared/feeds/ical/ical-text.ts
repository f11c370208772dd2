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
  const fits = value.length <= UNESCAPE_BUFFER_UNITS;
  const bytes = fits ? oneByteUnits : new Uint8Array(value.length);
  // ASCII text (most of a feed): copied into the buffer natively, then unescaped in place there,
  // reading bytes instead of a sliced string's characters.
  const { read, written } = asciiEncoder.encodeInto(value, bytes);
  if (read === value.length && written === value.length) {
    return textOf(bytes, unescapeAsciiInPlace(bytes, firstEscape, written));
  }
  // Latin-1 still makes a one-byte string; anything wider a two-byte one.
  const latin1Length = unescapeInto(value, bytes, 0xff);
  if (latin1Length !== -1) return textOf(bytes, latin1Length);
  const units = fits ? twoByteUnits : new Uint16Array(value.length);
  return textOf(units, unescapeInto(value, units, 0xffff));
}

/** The `length` bytes of `bytes` unescaped in place, those before `firstEscape` staying where they are; the new length. */
function unescapeAsciiInPlace(bytes: Uint8Array, firstEscape: number, length: number): number {
  let kept = firstEscape;
  for (let at = firstEscape; at < length; at++) {
    let code = bytes[at] as number;
    if (code === 92 && at + 1 < length) {
      const replacement = ESCAPED_CODE[bytes[at + 1] as number] ?? 0;
      if (replacement !== 0) {
        code = replacement;
        at++;
      }
    }
    bytes[kept++] = code;
  }
  return kept;
}

/** `value` unescaped into `units`; its length, or -1 when a character is above `maxCode`. */
function unescapeInto(value: string, units: Uint8Array | Uint16Array, maxCode: number): number {
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
    if (code > maxCode) return -1;
    units[length++] = code;
  }
  return length;
}

/** The first `length` units as a string: Latin-1 from bytes, UTF-16 from 16-bit units. */
function textOf(units: Uint8Array | Uint16Array, length: number): string {
  if (units === oneByteUnits) return oneByteText.toString('latin1', 0, length);
  const view = Buffer.from(units.buffer, units.byteOffset, length * units.BYTES_PER_ELEMENT);
  return view.toString(units.BYTES_PER_ELEMENT === 1 ? 'latin1' : 'utf16le');
}

const asciiEncoder = new TextEncoder();
/**
 * Reused buffers for the text being unescaped (a longer value gets its own). Plain typed arrays for
 * the loops (element access on a Buffer, a subclass, is slower); a Buffer view of the bytes only to
 * make the strings.
 */
const UNESCAPE_BUFFER_UNITS = 64 * 1024;
const oneByteUnits = new Uint8Array(UNESCAPE_BUFFER_UNITS);
const oneByteText = Buffer.from(oneByteUnits.buffer, 0, UNESCAPE_BUFFER_UNITS);
const twoByteUnits = new Uint16Array(UNESCAPE_BUFFER_UNITS);
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

/** Empty or blank text counts as absent. */
export function nonBlank(value: string | null | undefined): string | null {
  return value !== null && value !== undefined && value.trim() !== '' ? value : null;
}
