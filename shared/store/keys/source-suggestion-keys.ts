/** SUGGESTION#<id> / SUGGESTION (the id comes from the feed URL, so a URL is suggested once). */
export const sourceSuggestionKey = (suggestionId: string) => ({
  pk: `SUGGESTION#${suggestionId}`,
  sk: 'SUGGESTION',
});
/** gsi1: pending suggestions by when they were suggested; decided ones by when they were decided. */
export const suggestionsPk = (state: 'pending' | 'decided') => `SUGGESTIONS#${state}`;
export const suggestionsSk = (at: string, suggestionId: string) => `${at}#${suggestionId}`;
/** gsi2: one user's suggestions, by when they were suggested. */
export const suggestionsByUserPk = (userId: string) => `SUGGESTEDBY#${userId}`;
