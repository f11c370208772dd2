import type { Source } from '../../shared/sources/source.ts';
import type { SourceSuggestion } from '../../shared/sources/source-suggestion.ts';
import { SourceExistsError } from '../../shared/store/source-repository.ts';
import {
  type SourceSuggestionStore,
  SuggestionAlreadyDecidedError,
  SuggestionExistsError,
  SuggestionNotFoundError,
} from '../../shared/store/source-suggestion-store.ts';

/*
 * The sources and suggestions stores in memory, with the same conditional writes as the DynamoDB ones
 * (create only when absent, decide only while pending), for unit tests of the logic above them.
 */

export function inMemorySources(initial: readonly Source[] = []) {
  const byId = new Map(initial.map((source) => [source.id, source]));
  return {
    byId,
    async create(source: Source) {
      if (byId.has(source.id)) throw new SourceExistsError(`a source for ${source.url} already exists`);
      byId.set(source.id, source);
    },
    get: async (sourceId: string) => byId.get(sourceId) ?? null,
  };
}

export function inMemorySuggestions(initial: readonly SourceSuggestion[] = []) {
  const byId = new Map(initial.map((suggestion) => [suggestion.id, suggestion]));
  /** Set to make the next decide fail as a crash would, before anything is written. */
  const faults = { failNextDecide: false };
  const store: SourceSuggestionStore = {
    async create(suggestion) {
      if (byId.has(suggestion.id)) throw new SuggestionExistsError(`${suggestion.url} was suggested before`);
      byId.set(suggestion.id, suggestion);
    },
    get: async (id) => byId.get(id) ?? null,
    listPending: async () =>
      [...byId.values()]
        .filter((one) => one.status === 'pending')
        .sort((a, b) => a.suggestedAt.localeCompare(b.suggestedAt)),
    listRecentlyDecided: async (limit) =>
      [...byId.values()]
        .filter((one) => one.status !== 'pending')
        .sort((a, b) => (b.decidedAt ?? '').localeCompare(a.decidedAt ?? ''))
        .slice(0, limit),
    listBySuggester: async (userId, limit) =>
      [...byId.values()]
        .filter((one) => one.suggestedBy === userId)
        .sort((a, b) => b.suggestedAt.localeCompare(a.suggestedAt))
        .slice(0, limit),
    async decide(id, decision) {
      if (faults.failNextDecide) {
        faults.failNextDecide = false;
        throw new Error('the process died');
      }
      const current = byId.get(id);
      if (!current) throw new SuggestionNotFoundError(`no suggestion ${id}`);
      if (current.status !== 'pending') throw new SuggestionAlreadyDecidedError(current);
      const decided = { ...current, ...decision };
      byId.set(id, decided);
      return decided;
    },
  };
  return { byId, faults, store };
}
