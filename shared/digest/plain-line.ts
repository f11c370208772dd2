/**
 * Feed text as one tidy line: control characters and bidi overrides dropped (they could reorder the
 * rest of a subject line), every run of whitespace one space. So a title with "\r\nBcc: x" stays on
 * its own line in the text part and in the subject.
 */
export function plainLine(value: string): string {
  return value
    .replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, (character) => (/\s/.test(character) ? ' ' : ''))
    .replace(/\s+/g, ' ')
    .trim();
}
