/** Fetching a source failed or was refused; `code` is what the source's health records. */
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
