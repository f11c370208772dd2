import { describe, expect, it } from 'vitest';
import { decodeHtmlEntities, htmlToLine, htmlToText } from '../../../shared/feeds/text/html-to-text.ts';

describe('htmlToText', () => {
  it('puts paragraphs apart by one blank line', () => {
    expect(htmlToText('<p>Hello <b>world</b></p><p>Second&nbsp;paragraph</p>')).toBe(
      'Hello world\n\nSecond paragraph',
    );
  });

  it('writes list items on their own lines with "- ", nested lists included', () => {
    expect(htmlToText('<ul><li>One</li><li>Two<ul><li>Nested</li></ul></li></ul><p>After</p>')).toBe(
      '- One\n- Two\n- Nested\n\nAfter',
    );
  });

  it('turns each <br> into a line break, so two make a blank line', () => {
    expect(htmlToText('Line one<br>Line two<br/><br/>Line four')).toBe('Line one\nLine two\n\nLine four');
  });

  it('keeps at most one blank line between nested blocks', () => {
    expect(htmlToText('<div><div><p>Deep</p></div><p></p><p></p>text after</div>')).toBe(
      'Deep\n\ntext after',
    );
  });

  it('drops scripts and styles and decodes named and numeric entities', () => {
    expect(
      htmlToText('Rock &amp; Roll &eacute;t&eacute; &#8217;<script>alert(1)</script><style>p{}</style> end'),
    ).toBe('Rock & Roll été ’ end');
  });

  it('keeps a link target after its text unless the text already shows it', () => {
    expect(
      htmlToText(
        'Join <a href="https://zoom.us/j/123">here</a> or <a href="https://x.org">https://x.org</a>',
      ),
    ).toBe('Join here (https://zoom.us/j/123) or https://x.org');
  });

  it('collapses runs of whitespace inside text', () => {
    expect(htmlToText('<p>  many\n\n   spaces\there </p>')).toBe('many spaces here');
  });

  it('treats text without markup as plain text: line breaks kept, blank lines capped at one', () => {
    expect(htmlToText('  plain\n\n\n\ntext  with   spaces ')).toBe('plain\n\ntext with spaces');
  });

  it('leaves a bare "<" that is not a tag alone', () => {
    expect(htmlToText('a < b and c > d &amp; e')).toBe('a < b and c > d & e');
  });
});

describe('decodeHtmlEntities', () => {
  it('decodes one level of encoding and leaves angle brackets as text', () => {
    expect(decodeHtmlEntities('Tom &amp;amp; Jerry <3 &lt;b&gt;')).toBe('Tom &amp; Jerry <3 <b>');
  });

  it('returns text without "&" untouched', () => {
    expect(decodeHtmlEntities('AT and T')).toBe('AT and T');
  });
});

describe('htmlToLine', () => {
  it('makes one line of a title with markup, entities and line breaks', () => {
    expect(htmlToLine('  Tom &amp; <i>Jerry</i>\n show ')).toBe('Tom & Jerry show');
  });
});
