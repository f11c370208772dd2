import { FeedParseError } from './feed-errors.ts';

/**
 * Real feeds nest a few levels (a JSON Feed item's `_event.location.address` is five); a document nested
 * hundreds deep is hostile, and walking it recursively would overflow the stack. Checked on the text,
 * before JSON.parse builds anything, in one linear pass.
 */
export const maxJsonDepth = 64;

/** Told apart from other JSON errors so it is not reported as "could not be read: <syntax>". */
export class JsonTooDeepError extends FeedParseError {}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/** The deepest nesting of objects and arrays in a JSON text (strings skipped, escapes honoured). */
export function jsonNestingDepth(text: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index += 1;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) inString = true;
    else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > stopAbove) return deepest;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) depth -= 1;
  }
  return deepest;
}

/** JSON.parse for feed text: a document nested deeper than maxJsonDepth is an unreadable feed. */
export function parseFeedJson(text: string, what = 'the JSON'): unknown {
  if (jsonNestingDepth(text, maxJsonDepth) > maxJsonDepth)
    throw new JsonTooDeepError(`${what} is nested more than ${maxJsonDepth} levels deep`);
  return JSON.parse(text);
}
