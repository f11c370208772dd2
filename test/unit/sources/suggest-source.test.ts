import { describe, expect, it } from 'vitest';
import { buildSource } from '../../../shared/sources/new-source.ts';
import {
  AlreadyASourceError,
  AlreadySuggestedError,
  maxPendingSuggestionsPerUser,
  suggestSource,
  TooManyPendingSuggestionsError,
} from '../../../shared/sources/suggest-source.ts';
import { isValidationError } from '../../../shared/validation/zod.ts';
import { inMemorySources, inMemorySuggestions } from '../../support/in-memory-sources.ts';

const now = new Date('2030-01-01T08:00:00Z');

function setUp() {
  const sources = inMemorySources();
  const suggestions = inMemorySuggestions();
  return { sources, suggestions, deps: { sources, suggestions: suggestions.store } };
}

describe('suggestSource', () => {
  it('stores a pending suggestion of the user', async () => {
    const { deps, suggestions } = setUp();
    const suggestion = await suggestSource(
      deps,
      { url: 'https://example.org/feed.ics', kind: 'peer-group' },
      'usr_ana',
      now,
    );
    expect(suggestion).toMatchObject({ status: 'pending', suggestedBy: 'usr_ana' });
    expect([...suggestions.byId.values()]).toEqual([suggestion]);
  });

  it('writes nothing for bad input', async () => {
    const { deps, suggestions } = setUp();
    await expect(
      suggestSource(deps, { url: 'http://192.168.1.1/feed', kind: 'peer-group' }, 'usr_ana', now),
    ).rejects.toSatisfy(isValidationError);
    expect(suggestions.byId.size).toBe(0);
  });

  it('answers a feed that is a source already', async () => {
    const { deps, sources, suggestions } = setUp();
    const source = buildSource({ url: 'https://example.org/feed.ics', kind: 'industry-event' }, now);
    sources.byId.set(source.id, source);
    const error = await suggestSource(
      deps,
      { url: 'HTTPS://EXAMPLE.org/feed.ics', kind: 'peer-group' },
      'usr_ana',
      now,
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AlreadyASourceError);
    expect((error as AlreadyASourceError).sourceId).toBe(source.id);
    expect(suggestions.byId.size).toBe(0);
  });

  it('answers a feed suggested before with that suggestion, whoever suggested it', async () => {
    const { deps, suggestions } = setUp();
    const first = await suggestSource(
      deps,
      { url: 'https://example.org/feed.ics', kind: 'peer-group', note: 'first' },
      'usr_ana',
      now,
    );
    const error = await suggestSource(
      deps,
      { url: 'https://example.org/feed.ics', kind: 'industry-event', note: 'second' },
      'usr_ravi',
      now,
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AlreadySuggestedError);
    expect((error as AlreadySuggestedError).suggestion).toEqual(first);
    expect(suggestions.byId.size).toBe(1);
  });

  it(`keeps one user to ${maxPendingSuggestionsPerUser} suggestions waiting at a time`, async () => {
    const { deps, suggestions } = setUp();
    for (let index = 0; index < maxPendingSuggestionsPerUser; index += 1)
      await suggestSource(
        deps,
        { url: `https://example.org/${index}.ics`, kind: 'peer-group' },
        'usr_ana',
        now,
      );
    await expect(
      suggestSource(deps, { url: 'https://example.org/one-more.ics', kind: 'peer-group' }, 'usr_ana', now),
    ).rejects.toBeInstanceOf(TooManyPendingSuggestionsError);
    // Others may still suggest, and so may she once one is decided.
    await suggestSource(deps, { url: 'https://example.org/ravi.ics', kind: 'peer-group' }, 'usr_ravi', now);
    const [oldest] = await suggestions.store.listBySuggester('usr_ana', 1);
    if (!oldest) throw new Error('no suggestion');
    suggestions.byId.set(oldest.id, {
      ...oldest,
      status: 'rejected',
      decidedBy: 'usr_admin',
      decidedAt: now.toISOString(),
    });
    await suggestSource(
      deps,
      { url: 'https://example.org/one-more.ics', kind: 'peer-group' },
      'usr_ana',
      now,
    );
    expect(suggestions.byId.size).toBe(maxPendingSuggestionsPerUser + 2);
  });
});
