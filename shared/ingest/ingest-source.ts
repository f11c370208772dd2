import { sourceEventContentFor } from '../events/event-content.ts';
import { planSourceSync } from '../events/plan-source-sync.ts';
import { FeedParseError } from '../feeds/feed-errors.ts';
import { mayHideEvents } from '../feeds/feed-event.ts';
import type { FetchFeedOptions, FetchFeedResult } from '../feeds/fetch-feed.ts';
import { parseFeed } from '../feeds/parse-feed.ts';
import type { Logger } from '../log/logger.ts';
import { SourceFetchError } from '../security/source-fetch-error.ts';
import { needsFullParse, nextFetchAfterFailure, nextFetchAfterSuccess } from '../sources/fetch-schedule.ts';
import type { Source, SourceHealth } from '../sources/source.ts';
import type { EventStore, SyncResult } from '../store/event-store.ts';
import { SourceNotFoundError, type SourceRepository } from '../store/source-repository.ts';

export type FetchFeed = (url: string, options: FetchFeedOptions) => Promise<FetchFeedResult>;

export interface IngestDependencies {
  readonly sources: SourceRepository;
  readonly events: EventStore;
  readonly fetchFeed: FetchFeed;
  readonly logger: Logger;
  /** Local mode lets the fetcher reach its own demo feed server on loopback; AWS never does. */
  readonly loopback: FetchFeedOptions['loopback'];
  readonly userAgent?: string;
  /** Recurring series are expanded this far ahead (default 120 days). */
  readonly horizonDays?: number;
  /** Largest feed accepted, counted after decompression (the fetcher's default is 5 MB). */
  readonly maxFeedBytes?: number;
  /** Most events one source may yield (parseFeed's default when absent). */
  readonly maxEventsPerSource?: number;
  /** Saved events this ingest changed or removed: their attendees are owed an update (the invite queue). */
  readonly announceSavedEventChanges?: (eventIds: readonly string[]) => Promise<void>;
  /**
   * An unfinished attempt younger than this is taken to be still running (another worker); an older one
   * crashed or timed out. Longer than the worker's timeout (default 10 minutes; `ingest-feed` has 2).
   */
  readonly attemptLeaseMs?: number;
}

export interface IngestReport {
  readonly sourceId: string;
  /** busy: another run is ingesting this source right now; nothing was done. */
  readonly outcome: 'updated' | 'not-modified' | 'failed' | 'busy';
  readonly format: string | null;
  readonly eventCount: number;
  readonly problemCount: number;
  readonly sync: SyncResult | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

const maxRecordedProblems = 10;
const dayMs = 86_400_000;
export const defaultAttemptLeaseMs = 10 * 60_000;

function endsAfter(event: { start: string; end: string | null; allDay: boolean }, now: Date): boolean {
  const last = event.end ?? event.start;
  const lastMs =
    last.length === 10 ? Date.parse(`${last}T00:00:00Z`) + (event.end ? 0 : dayMs) : Date.parse(last);
  return lastMs > now.getTime();
}

/*
 * An attempt's life, in the source's health:
 *
 *   (no mark) ──start: mark + provisional backoff──▶ running ──outcome saved──▶ (no mark)
 *                                                      │
 *                      crash / timeout: the mark stays ┘──▶ the next run finds it older than the lease:
 *                                                           a failure ('unfinished'), backoff, no retry now
 *
 * The mark is written before the fetch, with the source not due again until the backoff it would get for
 * failing, so a feed that kills its worker is neither re-dispatched every 30 minutes nor retried by the
 * queue until its message (and its batch neighbours') lands in the dead-letter queue.
 */

/**
 * Fetch one source, parse it, and bring the store in line with it. Expected failures (the feed cannot
 * be fetched or read, the last attempt never finished) are recorded in the source's health with a
 * backoff and reported, not thrown; anything else (the store failing) is recorded as well and thrown,
 * so the queue retries it.
 */
export async function ingestSource(
  deps: IngestDependencies,
  sourceId: string,
  now: Date,
  options: { readonly force?: boolean } = {},
): Promise<IngestReport> {
  const found = await deps.sources.get(sourceId);
  if (!found) throw new SourceNotFoundError(`no source ${sourceId}`);
  const source: Source = found;
  const log = deps.logger.child({ sourceId, url: source.url });
  const health = source.health;
  const conditional = !options.force && !needsFullParse(health.lastParsedAt, now);
  const busy: IngestReport = {
    sourceId,
    outcome: 'busy',
    format: health.lastFormat,
    eventCount: health.lastEventCount,
    problemCount: 0,
    sync: null,
    error: null,
  };

  const fail = async (code: string, message: string): Promise<IngestReport> => {
    const failures = health.consecutiveFailures + 1;
    const next: SourceHealth = {
      ...health,
      lastFetchAt: now.toISOString(),
      lastError: message,
      lastErrorCode: code,
      consecutiveFailures: failures,
      nextFetchAt: nextFetchAfterFailure(now, source.refreshMinutes, failures).toISOString(),
    };
    await deps.sources.saveHealth(source.id, next);
    log.warn('source failed', {
      code,
      error: message,
      consecutiveFailures: failures,
      nextFetchAt: next.nextFetchAt,
    });
    return {
      sourceId,
      outcome: 'failed',
      format: null,
      eventCount: 0,
      problemCount: 0,
      sync: null,
      error: { code, message },
    };
  };

  const unfinished = health.attemptStartedAt;
  if (unfinished !== undefined) {
    if (now.getTime() - Date.parse(unfinished) < (deps.attemptLeaseMs ?? defaultAttemptLeaseMs)) {
      log.info('source is being ingested by another run', { attemptStartedAt: unfinished });
      return busy;
    }
    return fail(
      'unfinished',
      `the fetch that started at ${unfinished} never finished (its worker crashed or ran out of time)`,
    );
  }
  const backoffIfUnfinished = nextFetchAfterFailure(
    now,
    source.refreshMinutes,
    health.consecutiveFailures + 1,
  );
  if (!(await deps.sources.startAttempt(source.id, now, backoffIfUnfinished, unfinished))) return busy;
  try {
    return await ingestMarked();
  } catch (error) {
    // The store or the queue failed: record it (so the mark goes), then let the queue retry the message.
    await fail('internal', 'the last fetch failed inside Trellis; it is retried').catch(() => undefined);
    throw error;
  }

  async function ingestMarked(): Promise<IngestReport> {
    let fetched: FetchFeedResult;
    try {
      fetched = await deps.fetchFeed(source.url, {
        etag: conditional ? health.etag : null,
        lastModified: conditional ? health.lastModified : null,
        loopback: deps.loopback,
        ...(deps.userAgent ? { userAgent: deps.userAgent } : {}),
        ...(deps.maxFeedBytes ? { maxBytes: deps.maxFeedBytes } : {}),
      });
    } catch (error) {
      if (error instanceof SourceFetchError) return fail(error.code, error.message);
      throw error;
    }

    if (fetched.status === 'not-modified') {
      await deps.sources.saveHealth(source.id, {
        ...health,
        lastFetchAt: now.toISOString(),
        lastSuccessAt: now.toISOString(),
        lastError: null,
        lastErrorCode: null,
        consecutiveFailures: 0,
        nextFetchAt: nextFetchAfterSuccess(now, source.refreshMinutes).toISOString(),
      });
      log.info('source not modified');
      return {
        sourceId,
        outcome: 'not-modified',
        format: health.lastFormat,
        eventCount: health.lastEventCount,
        problemCount: 0,
        sync: null,
        error: null,
      };
    }

    const horizonMs = (deps.horizonDays ?? 120) * dayMs;
    let parsed: ReturnType<typeof parseFeed>;
    try {
      parsed = parseFeed(fetched.body, {
        contentType: fetched.contentType,
        window: { fromMs: now.getTime() - dayMs, toMs: now.getTime() + horizonMs },
        defaultTimeZone: source.timeZone,
        defaultTags: source.defaultTags,
        location: source.url,
        ...(deps.maxEventsPerSource ? { maxEvents: deps.maxEventsPerSource } : {}),
      });
    } catch (error) {
      if (error instanceof FeedParseError) return fail('unreadable', error.message);
      throw error;
    }

    const upcoming = parsed.events.filter((event) => endsAfter(event, now));
    const entries = upcoming.map((event) => sourceEventContentFor(event, source));
    const previous = await deps.events.loadSourceState(source.id);
    const problems = parsed.problems.map((problem) =>
      problem.entry ? `${problem.entry}: ${problem.message}` : problem.message,
    );
    const storedUpcoming = [...previous.values()].filter(
      (state) => !state.removed && endsAfter({ ...state, end: null, allDay: false }, now),
    );
    const emptiedOut = entries.length === 0 && storedUpcoming.length > 0;
    if (emptiedOut)
      problems.push(`the feed listed no events; kept the ${storedUpcoming.length} stored upcoming ones`);
    const plan = planSourceSync(previous, entries, {
      now,
      allowRemovals: !parsed.problems.some(mayHideEvents) && !emptiedOut,
    });
    const sync = await deps.events.applySourceSync(source.id, plan, now);
    if (sync.changedSavedEventIds.length > 0 && deps.announceSavedEventChanges) {
      try {
        await deps.announceSavedEventChanges(sync.changedSavedEventIds);
      } catch (error) {
        // The store already holds the change, so a retried ingest would not see it again: say so loudly.
        log.error('saved-event changes could not be queued; attendees get them at the next change', {
          eventIds: sync.changedSavedEventIds,
          error,
        });
      }
    }

    await deps.sources.saveHealth(source.id, {
      ...health,
      lastFetchAt: now.toISOString(),
      lastSuccessAt: now.toISOString(),
      lastParsedAt: now.toISOString(),
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      lastError: null,
      lastErrorCode: null,
      consecutiveFailures: 0,
      nextFetchAt: nextFetchAfterSuccess(now, source.refreshMinutes).toISOString(),
      lastFormat: parsed.format,
      lastEventCount: entries.length,
      lastProblemCount: problems.length,
      lastProblems: problems.slice(0, maxRecordedProblems),
    });
    log.info('source ingested', {
      format: parsed.format,
      events: entries.length,
      problems: problems.length,
      ...sync,
      changedSavedEventIds: sync.changedSavedEventIds.length,
    });
    return {
      sourceId,
      outcome: 'updated',
      format: parsed.format,
      eventCount: entries.length,
      problemCount: problems.length,
      sync,
      error: null,
    };
  }
}
