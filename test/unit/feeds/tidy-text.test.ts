import { describe, expect, it } from 'vitest';
import { collapseWhitespace, tidyMultilineText } from '../../../shared/feeds/text/tidy-text.ts';
import { mulberry32 } from '../../support/seeded-random.ts';

/** What tidyMultilineText promises, written plainly: its fast paths must give the same text. */
function tidiedPlainly(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Seeded, so a failure names a text that can be found again. */
function randomTexts(count: number, seed: number): string[] {
  const alphabet = [
    'a',
    'b',
    ' ',
    ' ',
    '\n',
    '\r',
    '\t',
    '\v',
    '\f',
    '\u00a0',
    '\u2003',
    '\u3000',
    '\ufeff',
    'é',
    '.',
  ];
  const next = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const length = Math.floor(next() * 14);
    let text = '';
    for (let index = 0; index < length; index++) text += alphabet[Math.floor(next() * alphabet.length)];
    return text;
  });
}

describe('tidyMultilineText', () => {
  it('keeps line breaks, collapses spaces within lines, trims lines and keeps at most one blank line', () => {
    expect(tidyMultilineText('  Talk  on\tAI \r\n\r\n\r\n Doors  open \n')).toBe('Talk on AI\n\nDoors open');
  });

  it('gives the same text as the plain replacements for every mix of whitespace', () => {
    for (const text of randomTexts(20_000, 7)) {
      expect(tidyMultilineText(text), JSON.stringify(text)).toBe(tidiedPlainly(text));
    }
  });

  it('turns whitespace beyond Latin-1 inside a line into a space', () => {
    expect(tidyMultilineText('Career\u2003fair\u3000today')).toBe('Career fair today');
  });

  it('returns already tidy text unchanged', () => {
    const tidy = 'Mentoring, career, talk.\nDoors at 6.\n\nSpeakers: Ada Lovelace';
    expect(tidyMultilineText(tidy)).toBe(tidy);
  });
});

describe('collapseWhitespace', () => {
  it('makes one line of any whitespace', () => {
    for (const text of randomTexts(5_000, 11)) {
      expect(collapseWhitespace(text), JSON.stringify(text)).toBe(text.replace(/\s+/g, ' ').trim());
    }
  });
});
