import type { SourceRepository } from '../store/source-repository.ts';
import { type SourceSuggestionStore, SuggestionExistsError } from '../store/source-suggestion-store.ts';
import { sourceIdForUrl } from './new-source.ts';
import {
  buildSourceSuggestion,
  type SourceSuggestion,
  type SourceSuggestionInput,
} from './source-suggestion.ts';

/** The feed is read already; nothing to suggest. */
export class AlreadyASourceError extends Error {
  override readonly name = 'AlreadyASourceError';
  readonly sourceId: string;
  constructor(url: string, sourceId: string) {
    super(`${url} is already a source`);
    this.sourceId = sourceId;
  }
}

/** Someone suggested this feed before; `suggestion` says what became of it. */
export class AlreadySuggestedError extends Error {
  override readonly name = 'AlreadySuggestedError';
  readonly suggestion: SourceSuggestion;
  constructor(suggestion: SourceSuggestion) {
    super(`${suggestion.url} was suggested before and is ${suggestion.status}`);
    this.suggestion = suggestion;
  }
}

/** Suggesting is open to everyone signed in; this keeps one person from flooding the admins' queue. */
export class TooManyPendingSuggestionsError extends Error {
  override readonly name = 'TooManyPendingSuggestionsError';
}

export const maxPendingSuggestionsPerUser = 10;

export interface SuggestSourceDependencies {
  readonly sources: Pick<SourceRepository, 'get'>;
  readonly suggestions: Pick<SourceSuggestionStore, 'create' | 'get' | 'listBySuggester'>;
}

/**
 * Records a user's suggestion: zod's error for bad input (nothing read or written), else a typed
 * error when the feed is a source already, was suggested before, or the user has too many waiting.
 */
export async function suggestSource(
  deps: SuggestSourceDependencies,
  input: SourceSuggestionInput,
  userId: string,
  now: Date,
): Promise<SourceSuggestion> {
  const suggestion = buildSourceSuggestion(input, userId, now);
  const sourceId = sourceIdForUrl(suggestion.url);
  const source = await deps.sources.get(sourceId);
  if (source) throw new AlreadyASourceError(suggestion.url, sourceId);
  const before = await deps.suggestions.get(suggestion.id);
  if (before) throw new AlreadySuggestedError(before);
  const recent = await deps.suggestions.listBySuggester(userId, maxPendingSuggestionsPerUser * 5);
  if (recent.filter((one) => one.status === 'pending').length >= maxPendingSuggestionsPerUser)
    throw new TooManyPendingSuggestionsError(
      `you have ${maxPendingSuggestionsPerUser} suggestions waiting for an admin; suggest more once they are decided`,
    );
  try {
    await deps.suggestions.create(suggestion);
  } catch (error) {
    // Suggested by someone else in the meantime.
    if (error instanceof SuggestionExistsError) {
      const existing = await deps.suggestions.get(suggestion.id);
      if (existing) throw new AlreadySuggestedError(existing);
    }
    throw error;
  }
  return suggestion;
}
