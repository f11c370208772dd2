/** Whitespace tidying for plain text. Fast paths first: most feed text needs nothing done. */

const WHITESPACE_RUN = /\s+/g;
/** Whitespace that collapsing would change: a run, a non-space, or at either end. */
const UNTIDY_WHITESPACE = /\s\s|[^\S ]|^ | $/;
const CARRIAGE_RETURNS = /\r\n?/g;
const NEEDS_LINE_TIDY = /\r|\t|\u00a0| {2}| \n|\n |\n\n\n/;
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
  if (!NEEDS_LINE_TIDY.test(text)) return text.trim();
  return text
    .replace(CARRIAGE_RETURNS, '\n')
    .replace(HORIZONTAL_RUN, ' ')
    .replace(SPACE_AROUND_NEWLINE, '\n')
    .replace(BLANK_LINES, '\n\n')
    .trim();
}
