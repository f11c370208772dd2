import type { Logger } from '../log/logger.ts';
import type { IngestQueue } from '../queue/ingest-queue.ts';
import type { SourceRepository } from '../store/source-repository.ts';

export interface DispatchResult {
  readonly enqueued: number;
  readonly sourceIds: readonly string[];
}

/** Put every source whose next fetch is due on the ingest queue. */
export async function dispatchDueSources(
  deps: { readonly sources: SourceRepository; readonly queue: IngestQueue; readonly logger: Logger },
  now: Date,
): Promise<DispatchResult> {
  const due = await deps.sources.listDue(now);
  const sourceIds = due.map((source) => source.id);
  await deps.queue.enqueue(sourceIds.map((sourceId) => ({ sourceId })));
  deps.logger.info('dispatched due sources', { enqueued: sourceIds.length, sourceIds });
  return { enqueued: sourceIds.length, sourceIds };
}
