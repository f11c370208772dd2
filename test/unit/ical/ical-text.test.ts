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
});
