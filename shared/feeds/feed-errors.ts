/** The input cannot be read as any feed at all (as opposed to one bad entry, which is a FeedProblem). */
export class FeedParseError extends Error {
  override readonly name = 'FeedParseError';
}

export type SourceFetchFailure =
  | 'bad-url'
  | 'blocked-address'
  | 'dns'
  | 'network'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'http-status';

/** A feed could not be fetched; `code` says why in a way the source health can record. */
export class SourceFetchError extends Error {
  override readonly name = 'SourceFetchError';
  readonly code: SourceFetchFailure;
  readonly httpStatus: number | null;
  constructor(code: SourceFetchFailure, message: string, httpStatus: number | null = null) {
    super(message);
    this.code = code;
    this.httpStatus = httpStatus;
  }
}
