import { describe, expect, it } from 'vitest';
import { phraseTerms, wordListOf, wordsOf } from '../../../shared/matching/match-words.ts';
import { postingOfAll } from '../../../shared/matching/posting-lists.ts';

describe('words and posting lists', () => {
  it('folds case, accents and punctuation, and keeps C++ and C# apart from C', () => {
    expect(wordsOf('Café  Décor — Node.js & C++ / C# / C!')).toBe('cafe decor node js cpp csharp c');
    expect(wordListOf('Ünïcödé Straße, Zürich')).toEqual(['unicode', 'straße', 'zurich']);
    expect(wordsOf('platform engineering')).toBe('platform engineering');
    expect(wordsOf('…!')).toBe('');
  });

  it('looks a phrase of up to three words up as one term, a longer one by its three-word runs', () => {
    expect(phraseTerms(['rust'])).toEqual(['rust']);
    expect(phraseTerms(['infrastructure', 'as', 'code'])).toEqual(['infrastructure as code']);
    expect(phraseTerms(['a', 'b', 'c', 'd', 'e'])).toEqual(['a b c', 'b c d', 'c d e']);
  });

  it('intersects posting lists of any lengths', () => {
    const odd = Int32Array.from({ length: 500 }, (_, index) => index * 2 + 1);
    const threes = Int32Array.from({ length: 400 }, (_, index) => index * 3);
    const lists = new Map([
      ['odd', odd],
      ['threes', threes],
      ['few', Int32Array.from([3, 9, 10, 998, 999])],
    ]);
    expect([...postingOfAll(lists, ['odd', 'few', 'threes'])]).toEqual([3, 9, 999]);
    expect([...postingOfAll(lists, ['odd', 'threes'])].slice(0, 4)).toEqual([3, 9, 15, 21]);
    expect(postingOfAll(lists, ['odd', 'threes']).length).toBe(167);
    expect([...postingOfAll(lists, ['odd', 'missing'])]).toEqual([]);
    expect(postingOfAll(undefined, ['odd']).length).toBe(0);
  });
});
