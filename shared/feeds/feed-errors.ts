/** The input cannot be read as any feed at all (as opposed to one bad entry, which is a FeedProblem). */
export class FeedParseError extends Error {
  override readonly name = 'FeedParseError';
}
