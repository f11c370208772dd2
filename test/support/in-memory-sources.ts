import type { Source } from '../../shared/sources/source.ts';
import type { SourceSuggestion } from '../../shared/sources/source-suggestion.ts';
import type { SuggestSourceDependencies } from '../../shared/sources/suggest-source.ts';
import { SuggestionExistsError } from '../../shared/store/source-suggestion-store.ts';

/*
 * What suggesting a source reads and writes, in memory, with the same conditional create as the
 * DynamoDB store, for unit tests of the logic above it. Approving is a transaction: its tests run on
 * DynamoDB Local (test/integration/approve-suggestion.test.ts).
 */

export function inMemorySources(initial: readonly Source[] = []) {
  const byId = new Map(initial.map((source) => [source.id, source]));
  return { byId, get: async (sourceId: string) => byId.get(sourceId) ?? null };
}

export function inMemorySuggestions(initial: readonly SourceSuggestion[] = []) {
  const byId = new Map(initial.map((suggestion) => [suggestion.id, suggestion]));
  const store: SuggestSourceDependencies['suggestions'] = {
    async create(suggestion) {
      if (byId.has(suggestion.id)) throw new SuggestionExistsError(`${suggestion.url} was suggested before`);
      byId.set(suggestion.id, suggestion);
    },
    get: async (id) => byId.get(id) ?? null,
    listBySuggester: async (userId, limit) =>
      [...byId.values()]
        .filter((one) => one.suggestedBy === userId)
        .sort((a, b) => b.suggestedAt.localeCompare(a.suggestedAt))
        .slice(0, limit),
  };
  return { byId, store };
}
