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

/**
 * Whether the text has anything tidyMultilineText changes besides its ends: a carriage return, tab
 * or no-break space, two spaces, a space beside a line break, or two blank lines. Seven native
 * substring searches: several times faster than one regular expression of these alternatives,
 * which tries them all at every space.
 */
function needsLineTidy(text: string): boolean {
  return (
    text.includes('\r') ||
    text.includes('\t') ||
    text.includes('\u00a0') ||
    text.includes('  ') ||
    text.includes(' \n') ||
    text.includes('\n ') ||
    text.includes('\n\n\n')
  );
}
