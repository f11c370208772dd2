/** Whitespace tidying for plain text. Fast paths first: most feed text needs nothing done. */

const WHITESPACE_RUN = /\s+/g;
/** Whitespace that collapsing would change: a run, a non-space, or at either end. */
const UNTIDY_WHITESPACE = /\s\s|[^\S ]|^ | $/;
const CARRIAGE_RETURNS = /\r\n?/g;
const HORIZONTAL_RUN = /[^\S\n]+/g;
const SPACE_AROUND_NEWLINE = / ?\n ?/g;
const BLANK_LINES = /\n{3,}/g;

/** One line: every whitespace run (newlines included) becomes one space; trimmed. */
export function collapseWhitespace(text: string): string {
  if (!UNTIDY_WHITESPACE.test(text)) return text;
  return text.replace(WHITESPACE_RUN, ' ').trim();
}

/**
 * Multi-line text: line breaks kept, spaces collapsed within lines, lines trimmed, at most one blank
 * line in a row, trimmed at both ends.
 */
export function tidyMultilineText(text: string): string {
  if (!needsLineTidy(text)) return text.trim();
  return text
    .replace(CARRIAGE_RETURNS, '\n')
    .replace(HORIZONTAL_RUN, ' ')
    .replace(SPACE_AROUND_NEWLINE, '\n')
    .replace(BLANK_LINES, '\n\n')
    .trim();
}

/** The whitespace beyond Latin-1: one test, which fails at once on a one-byte string. */
const WIDE_WHITESPACE = /[\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/**
 * Whether the text has anything tidyMultilineText changes besides its ends: whitespace other than a
 * space or line break, two spaces, a space beside a line break, or two blank lines. Native substring
 * searches, several times faster than one regular expression of these alternatives (which tries
 * them all at every space); the line-break cases are checked at each line break, as a search for
 * " \n" stops at every space.
 */
function needsLineTidy(text: string): boolean {
  if (
    text.includes('\r') ||
    text.includes('\t') ||
    text.includes('\u00a0') ||
    text.includes('  ') ||
    text.includes('\v') ||
    text.includes('\f') ||
    WIDE_WHITESPACE.test(text)
  ) {
    return true;
  }
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    const after = text.charCodeAt(at + 1);
    if (text.charCodeAt(at - 1) === 32 || after === 32 || (after === 10 && text.charCodeAt(at + 2) === 10)) {
      return true;
    }
  }
  return false;
}
