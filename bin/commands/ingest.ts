import { updateAttendeesOf } from '#shared/calendar/send-invite-updates.ts';
import type { LocalSettings } from '#shared/config/local-settings.ts';
import { FeedParseError } from '#shared/feeds/feed-errors.ts';
import { fetchFeed } from '#shared/feeds/fetch-feed.ts';
import { type IngestReport, ingestSource } from '#shared/ingest/ingest-source.ts';
import { createLogger } from '#shared/log/logger.ts';
import { SourceFetchError } from '#shared/security/source-fetch-error.ts';
import { createEventStore } from '#shared/store/event-store.ts';
import { createSourceRepository, SourceNotFoundError } from '#shared/store/source-repository.ts';
import { openCalendarSession } from '../local/calendar-session.ts';
import { NoLocalInboxError } from '../local/digest-session.ts';
import { storeErrors } from './store-errors.ts';
import type { CommandModule } from './usage/command.ts';
import type { IngestInput } from './usage/ingest.ts';

export const expectedErrors: CommandModule<IngestInput>['expectedErrors'] = [
  ...storeErrors,
  NoLocalInboxError,
  SourceNotFoundError,
  SourceFetchError,
  FeedParseError,
];

export function describeReport(report: IngestReport): string {
  if (report.outcome === 'failed')
    return `${report.sourceId}: FAILED (${report.error?.code}) ${report.error?.message}`;
  if (report.outcome === 'not-modified')
    return `${report.sourceId}: not modified (${report.eventCount} events)`;
  if (report.outcome === 'busy') return `${report.sourceId}: being fetched by another run right now`;
  const sync = report.sync;
  const changes = sync
    ? `${sync.created} new, ${sync.merged} merged with other sources, ${sync.updated} changed, ${sync.removed} removed, ${sync.unchanged} unchanged`
    : '';
  const problems = report.problemCount
    ? `; ${report.problemCount} problems (see \`trellis sources list\`)`
    : '';
  return `${report.sourceId}: ${report.eventCount} events from ${report.format}: ${changes}${problems}`;
}

/** Fetch sources now, in this process (no queue): for operators and for trying a new feed. */
export async function run(values: IngestInput, settings: LocalSettings): Promise<number> {
  const calendar = await openCalendarSession(settings, { withDemoFeeds: true });
  const { session } = calendar;
  const mailing = calendar.save;
  let failed = 0;
  try {
    const sources = createSourceRepository(session.client, session.tableName);
    const deps = {
      sources,
      events: createEventStore(session.client, session.tableName),
      fetchFeed,
      logger: createLogger({ level: settings.logLevel === 'info' ? 'warn' : settings.logLevel }),
      loopback: session.loopback,
      // No queue here: attendees of changed saved events are updated in this process.
      announceSavedEventChanges: async (eventIds: readonly string[]) => {
        if (!mailing) {
          process.stdout.write(
            `${eventIds.length} saved events changed; start \`trellis dev\` to mail their attendees the updates\n`,
          );
          return;
        }
        for (const eventId of eventIds) {
          for (const result of await updateAttendeesOf(mailing, eventId, new Date()))
            process.stdout.write(`  invitation ${eventId} → ${result.userId}: ${result.outcome}\n`);
        }
      },
    };
    const now = new Date();
    const ids = values.source
      ? [values.source]
      : (values.due ? await sources.listDue(now) : await sources.list()).map((source) => source.id);
    if (ids.length === 0) process.stdout.write('no sources to ingest\n');
    for (const id of ids) {
      const report = await ingestSource(deps, id, now, { force: values.force });
      if (report.outcome === 'failed') failed += 1;
      process.stdout.write(`${describeReport(report)}\n`);
    }
  } finally {
    await session.close();
  }
  return failed > 0 ? 1 : 0;
}
