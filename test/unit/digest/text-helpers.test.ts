import { describe, expect, it } from 'vitest';
import { plainLine } from '../../../shared/digest/plain-line.ts';
import { truncateAtWord } from '../../../shared/digest/truncate-at-word.ts';
import { wrapText } from '../../../shared/digest/wrap-text.ts';

describe('wrapText', () => {
  it('wraps at word boundaries within the width, indent included', () => {
    expect(wrapText('one two three four five', 10)).toEqual(['one two', 'three four', 'five']);
    expect(wrapText('one two three four five', 10, '  ')).toEqual([
      '  one two',
      '  three',
      '  four',
      '  five',
    ]);
  });

  it('cuts a word longer than a line into line-sized pieces', () => {
    expect(wrapText(`a ${'x'.repeat(12)} b`, 5)).toEqual(['a', 'xxxxx', 'xxxxx', 'xx b']);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(wrapText('😀😀😀 😀😀', 5)).toEqual(['😀😀😀', '😀😀']);
  });
});

describe('truncateAtWord', () => {
  it('leaves text that fits alone', () => {
    expect(truncateAtWord('Platform Day', 12)).toBe('Platform Day');
  });

  it('keeps whole words and drops separators before the ellipsis', () => {
    expect(truncateAtWord('Platform Engineering Day', 15)).toBe('Platform…');
    expect(truncateAtWord('Delivery, Observability', 10)).toBe('Delivery…');
    expect(truncateAtWord('Delivery, Observability', 11)).toBe('Delivery…');
  });

  it('cuts inside a single word that is too long', () => {
    expect(truncateAtWord('Supercalifragilistic', 6)).toBe('Super…');
  });
});

describe('plainLine', () => {
  it('makes one line of text with CR/LF, tabs, NUL and bidi overrides', () => {
    expect(plainLine(' Title\r\nBcc: x@evil\t\u0000end\u202e ')).toBe('Title Bcc: x@evil end');
  });
});
