import { relative } from 'node:path';
import type { LocalSettings } from '#shared/config/local-settings.ts';
import { demoSources, isConferenceDataFile } from '#shared/local/demo-sources.ts';
import { demoDigestRecipient } from '#shared/local/demo-users.ts';
import { createLogger } from '#shared/log/logger.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createEventStore } from '#shared/store/event-store.ts';
import { createSourceRepository } from '#shared/store/source-repository.ts';
import { DevAlreadyRunningError, startDev } from '../local/run-dev.ts';
import { storeErrors } from './store-errors.ts';
import type { CommandModule } from './usage/command.ts';

export const expectedErrors: CommandModule<null>['expectedErrors'] = [...storeErrors, DevAlreadyRunningError];

/** `trellis dev` (= `npm start`): run everything locally, ingest once, print what to open, wait for Ctrl-C. */
export async function run(_input: null, settings: LocalSettings): Promise<number> {
  const logger = createLogger({ level: settings.logLevel });
  const dev = await startDev(settings, logger);
  await dev.ingestNow();
  await dev.dispatchDigestsNow();
  // The demo reader's digest for this week, so the inbox shows one (the send ledger keeps it to once a week).
  await dev.sendDigestNow(demoDigestRecipient);
  // And today's reconnect reminder for the demo mentor who is due (the ledger keeps it to once a day).
  await dev.sendReminderNow(demoDigestRecipient);

  const client = createDocumentClient({ endpoint: dev.dynamoEndpoint });
  const now = new Date();
  const [sources, events] = await Promise.all([
    createSourceRepository(client, settings.tableName).list(),
    createEventStore(client, settings.tableName).listStartingBetween(
      now,
      new Date(now.getTime() + 120 * 86_400_000),
    ),
  ]);
  client.destroy();
  const calendar = await dev.calendarUrlsFor(demoDigestRecipient);
  const live = events.filter((event) => !event.removed);
  const shared = live.filter((event) => event.sources.length > 1).length;
  const failing = sources.filter((source) => source.health.lastError);
  const dataDir = relative(process.cwd(), settings.dataDir) || settings.dataDir;
  const demoFeeds = demoSources.filter((demo) => !isConferenceDataFile(demo.file));
  const conferenceFeeds = demoSources.filter((demo) => isConferenceDataFile(demo.file));

  process.stdout.write(`
Trellis is running locally (data in ${dataDir}/).

  Overview page   ${dev.apiUrl}/
  Sign up / in    ${dev.apiUrl}/sign-in    (any address; the link arrives in the inbox below, then set interests, contacts, calendar, digest preview)
  People, orgs    ${dev.apiUrl}/people    ${dev.apiUrl}/organizations    (signed in: people worth meeting, organizations worth joining)
  Sources         ${dev.apiUrl}/sources    (anyone signed in suggests feeds; ${dev.adminEmails.join(', ')} approves them: ADMIN_EMAILS)
  JSON API        ${dev.apiUrl}/api/events    ${dev.apiUrl}/api/sources (admin)
  Email inbox     ${dev.sesUrl}/    (SES local: this week's digest and today's reconnect reminder for ${demoDigestRecipient})
  Calendar feed   ${calendar.https}
                  ${calendar.webcal}    (${demoDigestRecipient}'s secret feed: subscribe in any calendar app)
  Demo feeds      ${demoFeeds.map((demo) => `${dev.feedsBaseUrl}/feeds/${demo.file}`).join('\n                  ')}
                  and ${conferenceFeeds.length} topic files of real conferences (confs.tech), e.g. ${dev.feedsBaseUrl}/feeds/${conferenceFeeds[0]?.file ?? ''}

Read ${sources.length} sources: ${live.length} upcoming events${shared ? ` (${shared} listed by more than one source, kept once)` : ''}.
${failing.map((source) => `  ! ${source.id} ${source.url}: ${source.health.lastError}\n`).join('')}Feeds are fetched every ${settings.ingestEveryMinutes} minutes; \`npx trellis ingest\` fetches now.
\`npx trellis save --user ${demoDigestRecipient} --event ID\` (ids in the JSON API) saves an event and mails the invitation.
Press Ctrl-C to stop.
`);

  await new Promise<void>((resolve) => {
    const shutdown = () => {
      process.off('SIGINT', shutdown);
      process.off('SIGTERM', shutdown);
      resolve();
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  });
  process.stdout.write('\nstopping…\n');
  await dev.stop();
  process.stdout.write('stopped\n');
  return 0;
}
