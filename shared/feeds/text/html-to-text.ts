/** HTML from feeds → plain text: the words a reader would see, with the line structure kept. */
import { Parser } from 'htmlparser2';
import { collapseWhitespace, tidyMultilineText } from './tidy-text.ts';

/** Elements that end a line. */
const LINE_BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'header',
  'li',
  'main',
  'nav',
  'section',
  'summary',
  'tr',
]);
/** Elements set apart by a blank line. */
const PARAGRAPH_BLOCKS = new Set([
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'ol',
  'p',
  'pre',
  'table',
  'ul',
]);
/** Elements whose content is never shown. */
const HIDDEN = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'iframe',
  'object',
  'svg',
]);
const CELLS = new Set(['td', 'th']);

const WHITESPACE_RUN = /\s+/g;
const LEADING_WHITESPACE = /^\s/;
const TRAILING_WHITESPACE = /\s$/;
/** Something that could be a tag or a comment; a bare `<` in text ("a < b") is not. */
const MARKUP = /<[a-zA-Z!/?]/;
const ABSOLUTE_HTTP_URL = /^https?:\/\//i;

/** Plain text from HTML; text without markup only has its entities decoded and its whitespace tidied. */
export function htmlToText(html: string): string {
  if (!MARKUP.test(html)) return tidyMultilineText(decodeHtmlEntities(html));
  const writer = new TextWriter();
  let hiddenDepth = 0;
  let preDepth = 0;
  let listDepth = 0;
  const openLinks: (OpenLink | null)[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (HIDDEN.has(name)) hiddenDepth++;
        if (hiddenDepth > 0) return;
        if (name === 'br') writer.lineBreak();
        else if (name === 'li') {
          writer.blockBreak(1);
          writer.prefix('- ');
        } else if (isList(name) && listDepth > 0) writer.blockBreak(1);
        else if (PARAGRAPH_BLOCKS.has(name)) writer.blockBreak(2);
        else if (LINE_BLOCKS.has(name)) writer.blockBreak(1);
        else if (CELLS.has(name)) writer.space();
        if (isList(name)) listDepth++;
        if (name === 'pre') preDepth++;
        if (name === 'a') {
          const href = absoluteHttpUrl(attributes.href);
          openLinks.push(href === null ? null : { href, textStart: writer.length });
        }
      },
      ontext(text) {
        if (hiddenDepth > 0) return;
        if (preDepth > 0) writer.preformatted(text);
        else writer.text(text);
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) {
          hiddenDepth = Math.max(0, hiddenDepth - 1);
          return;
        }
        if (hiddenDepth > 0) return;
        if (isList(name)) listDepth = Math.max(0, listDepth - 1);
        if (name === 'pre') preDepth = Math.max(0, preDepth - 1);
        if (name === 'a') {
          const link = openLinks.pop();
          if (link) writer.closeLink(link);
        }
        if (isList(name) && listDepth > 0) writer.blockBreak(1);
        else if (PARAGRAPH_BLOCKS.has(name)) writer.blockBreak(2);
        else if (LINE_BLOCKS.has(name)) writer.blockBreak(1);
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return tidyMultilineText(writer.result());
}

/**
 * Decodes HTML entities in text that is meant to be plain but still carries them (feeds often
 * encode twice). A `<` in the text stays a `<`.
 */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  let decoded = '';
  const parser = new Parser(
    {
      ontext(chunk) {
        decoded += chunk;
      },
    },
    { decodeEntities: true },
  );
  parser.end(text.replaceAll('<', '&lt;'));
  return decoded;
}

/** Plain one-line text (titles, names): markup removed, entities decoded, whitespace collapsed. */
export function htmlToLine(text: string): string {
  if (!text.includes('<') && !text.includes('&')) return collapseWhitespace(text);
  return collapseWhitespace(htmlToText(text));
}

function isList(name: string): boolean {
  return name === 'ul' || name === 'ol';
}

function absoluteHttpUrl(href: string | undefined): string | null {
  if (href === undefined) return null;
  const trimmed = href.trim();
  return ABSOLUTE_HTTP_URL.test(trimmed) ? trimmed : null;
}

interface OpenLink {
  readonly href: string;
  readonly textStart: number;
}

/** Accumulates text with pending separators, so breaks and spaces never pile up. */
class TextWriter {
  private output = '';
  private pendingBreaks = 0;
  private pendingSpace = false;
  private pendingPrefix = '';

  text(raw: string): void {
    if (raw === '') return;
    if (LEADING_WHITESPACE.test(raw)) this.pendingSpace = true;
    const words = raw.replace(WHITESPACE_RUN, ' ').trim();
    if (words !== '') {
      this.flushSeparators();
      this.output += words;
    }
    if (TRAILING_WHITESPACE.test(raw)) this.pendingSpace = true;
  }

  preformatted(raw: string): void {
    if (raw === '') return;
    this.flushSeparators();
    this.output += raw;
  }

  space(): void {
    this.pendingSpace = true;
  }

  /** `<br>`: always a new line, so two in a row make a blank line. */
  lineBreak(): void {
    this.pendingPrefix = '';
    this.output += '\n';
    this.pendingBreaks = 0;
    this.pendingSpace = false;
  }

  /** A block boundary: at least `count` newlines before the next text (none at the very start). */
  blockBreak(count: 1 | 2): void {
    this.pendingBreaks = Math.max(this.pendingBreaks, count);
    this.pendingSpace = false;
  }

  prefix(text: string): void {
    this.pendingPrefix = text;
  }

  get length(): number {
    return this.output.length;
  }

  /** A link's URL follows its text unless the text already shows it (join links hide in anchors). */
  closeLink({ href, textStart }: OpenLink): void {
    const linkText = this.output.slice(textStart);
    if (linkText.trim() === '') {
      this.flushSeparators();
      this.output += href;
    } else if (!linkText.includes(href) && !href.endsWith(linkText.trim())) {
      this.output += ` (${href})`;
    }
  }

  result(): string {
    return this.output;
  }

  private flushSeparators(): void {
    if (this.output !== '') {
      if (this.pendingBreaks > 0) {
        const trailing = this.output.endsWith('\n\n') ? 2 : this.output.endsWith('\n') ? 1 : 0;
        this.output += '\n'.repeat(Math.max(0, this.pendingBreaks - trailing));
      } else if (this.pendingSpace && !this.output.endsWith('\n')) this.output += ' ';
    }
    this.output += this.pendingPrefix;
    this.pendingPrefix = '';
    this.pendingBreaks = 0;
    this.pendingSpace = false;
  }
}
