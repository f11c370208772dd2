import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { unescapeText } from '../../../shared/feeds/ical/ical-text.ts';

describe('unescapeText', () => {
  it('unescapes commas, semicolons, newlines and backslashes', () => {
    expect(unescapeText('a\\, b\\; c\\nd\\Ne')).toBe('a, b; c\nd\ne');
    expect(unescapeText('no escapes here')).toBe('no escapes here');
  });

  it('reads an escaped backslash before an "n" as a backslash and an "n"', () => {
    expect(unescapeText('C:\\\\new\\\\notes\\, done')).toBe('C:\\new\\notes, done');
    expect(unescapeText('\\\\\\n')).toBe('\\\n');
  });

  it('keeps unknown escapes and a trailing backslash as written', () => {
    expect(unescapeText('tab\\t and \\x')).toBe('tab\\t and \\x');
    expect(unescapeText('ends with \\')).toBe('ends with \\');
    expect(unescapeText('\\\\ and \\q and \\,')).toBe('\\ and \\q and ,');
  });

  it('keeps every character beyond Latin-1 as it was, lone surrogates included', () => {
    expect(unescapeText('caf\u00e9\\, na\u00efve\\; \u00ff')).toBe('caf\u00e9, na\u00efve; \u00ff');
    expect(unescapeText('\u201cquoted\u201d\\, \u2013 dash\\n\u{1f600}\\\\')).toBe(
      '\u201cquoted\u201d, \u2013 dash\n\u{1f600}\\',
    );
    expect(unescapeText('Latin first\\, then \u20ac\\, then more')).toBe(
      'Latin first, then \u20ac, then more',
    );
    expect(unescapeText('lone \ud800\\, high and \udc00 low\\n')).toBe('lone \ud800, high and \udc00 low\n');
  });

  it('unescapes a value longer than its buffer (64 Ki characters) too', () => {
    const long = 'word\\, '.repeat(20_000);
    expect(long.length).toBeGreaterThan(64 * 1024);
    expect(unescapeText(long)).toBe('word, '.repeat(20_000));
    for (const word of ['M\u00fcnchen', '\u201cquoted\u201d']) {
      expect(unescapeText(`${word}\\, `.repeat(10_000))).toBe(`${word}, `.repeat(10_000));
    }
  });

  it('reads every value as ical.js does', () => {
    const alphabet = ['\\', ',', ';', 'n', 'N', 'x', ' ', '\u00e9', '\u20ac', '\ud83d', '\ude00'];
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed;
    };
    for (let sample = 0; sample < 2_000; sample++) {
      let value = 'a';
      for (let length = next() % 12; length > 0; length--) value += alphabet[next() % alphabet.length];
      const fromLibrary = ICAL.parse.property(`SUMMARY:${value}`)[3];
      expect(unescapeText(value), JSON.stringify(value)).toBe(fromLibrary);
    }
  });
});
