/** A feed Trellis reads, and how healthy it is. */

export const sourceKinds = [
  'industry-event',
  'professional-org',
  'mentorship-program',
  'peer-group',
] as const;
export type SourceKind = (typeof sourceKinds)[number];

export interface SourceHealth {
  readonly lastFetchAt: string | null;
  readonly lastSuccessAt: string | null;
  /** When the feed was last parsed in full (a 304 skips the parse, but not for longer than a day). */
  readonly lastParsedAt: string | null;
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly lastError: string | null;
  readonly lastErrorCode: string | null;
  readonly consecutiveFailures: number;
  readonly nextFetchAt: string;
  readonly lastFormat: string | null;
  readonly lastEventCount: number;
  readonly lastProblemCount: number;
  /** The first few per-entry problems of the last parse, for the operator. */
  readonly lastProblems: readonly string[];
  /**
   * When an ingest of this source started and has not finished yet (absent otherwise). Set before the
   * fetch, so a run that crashes or times out leaves it behind and the next one backs off.
   */
  readonly attemptStartedAt?: string;
}

export interface Source {
  readonly id: string;
  readonly url: string;
  readonly kind: SourceKind;
  readonly organization: string | null;
  readonly defaultTags: readonly string[];
  readonly refreshMinutes: number;
  /** Zone for floating times in feeds that do not name one. */
  readonly timeZone: string | null;
  readonly createdAt: string;
  readonly health: SourceHealth;
}

export function initialHealth(now: Date): SourceHealth {
  return {
    lastFetchAt: null,
    lastSuccessAt: null,
    lastParsedAt: null,
    etag: null,
    lastModified: null,
    lastError: null,
    lastErrorCode: null,
    consecutiveFailures: 0,
    nextFetchAt: now.toISOString(),
    lastFormat: null,
    lastEventCount: 0,
    lastProblemCount: 0,
    lastProblems: [],
  };
}
