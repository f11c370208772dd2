import type { Logger } from '../log/logger.ts';
import { ingestMessageSchema } from '../queue/ingest-message.ts';
import type { QueueRecord } from '../queue/queue-record.ts';
import { SourceNotFoundError } from '../store/source-repository.ts';
import { type IngestDependencies, type IngestReport, ingestSource } from './ingest-source.ts';

export interface BatchOutcome {
  /** Message ids to hand back to the queue (SQS partial batch response); they retry, then reach the DLQ. */
  readonly failedMessageIds: string[];
  readonly reports: IngestReport[];
}

function describeInvalid(body: string): string {
  try {
    const result = ingestMessageSchema.safeParse(JSON.parse(body));
    return result.success
      ? 'valid'
      : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  } catch {
    return 'body is not JSON';
  }
}

/**
 * One record at a time: a feed parse is CPU-bound and can be large, so running them side by side in
 * one Lambda only raises peak memory. A record that fails for an unexpected reason is reported back
 * (retried, then dead-lettered); the others in the batch still count.
 */
export async function processIngestBatch(
  deps: IngestDependencies,
  records: readonly QueueRecord[],
  now: () => Date,
  logger: Logger,
): Promise<BatchOutcome> {
  const failedMessageIds: string[] = [];
  const reports: IngestReport[] = [];
  for (const record of records) {
    let message: ReturnType<typeof ingestMessageSchema.parse>;
    try {
      message = ingestMessageSchema.parse(JSON.parse(record.body));
    } catch {
      logger.error('invalid ingest message', {
        messageId: record.messageId,
        problem: describeInvalid(record.body),
      });
      failedMessageIds.push(record.messageId);
      continue;
    }
    try {
      reports.push(await ingestSource(deps, message.sourceId, now(), { force: message.force ?? false }));
    } catch (error) {
      if (error instanceof SourceNotFoundError) {
        // The source was removed after it was queued: nothing to do, and retrying would not help.
        logger.warn('ingest message for an unknown source', {
          messageId: record.messageId,
          sourceId: message.sourceId,
        });
        continue;
      }
      logger.error('ingest failed', { messageId: record.messageId, sourceId: message.sourceId, error });
      failedMessageIds.push(record.messageId);
    }
  }
  return { failedMessageIds, reports };
}
