import type { LocalSettings } from '#shared/config/local-settings.ts';
import { buildSource } from '#shared/sources/new-source.ts';
import type { Source } from '#shared/sources/source.ts';
import {
  createSourceRepository,
  SourceExistsError,
  SourceNotFoundError,
} from '#shared/store/source-repository.ts';
import { openStoreSession } from '../local/store-session.ts';
import { storeErrors } from './store-errors.ts';
import type { CommandModule } from './usage/command.ts';
import type { SourcesInput } from './usage/sources.ts';

function describeHealth(source: Source): string {
  const health = source.health;
  if (health.lastError)
    return `FAILING ×${health.consecutiveFailures} (${health.lastErrorCode}): ${health.lastError}`;
  if (!health.lastSuccessAt) return 'not fetched yet';
  const problems = health.lastProblemCount ? `, ${health.lastProblemCount} problems` : '';
  return `ok, ${health.lastEventCount} events (${health.lastFormat})${problems}`;
}

export const expectedErrors: CommandModule<SourcesInput>['expectedErrors'] = [
  ...storeErrors,
  SourceExistsError,
  SourceNotFoundError,
];

/** `trellis sources add|list`. */
export async function run(input: SourcesInput, settings: LocalSettings): Promise<number> {
  if (input.action === 'add') {
    const source = buildSource({ ...input.source, kind: input.source.kind as Source['kind'] }, new Date());
    const session = await openStoreSession(settings);
    try {
      await createSourceRepository(session.client, session.tableName).create(source);
    } finally {
      await session.close();
    }
    process.stdout.write(
      `added ${source.id} (${source.kind}) ${source.url}\nrun \`trellis ingest --source ${source.id}\` to fetch it now\n`,
    );
    return 0;
  }
  const session = await openStoreSession(settings);
  let sources: Source[];
  try {
    sources = await createSourceRepository(session.client, session.tableName).list();
  } finally {
    await session.close();
  }
  if (input.json) {
    process.stdout.write(`${JSON.stringify(sources, null, 2)}\n`);
    return 0;
  }
  if (sources.length === 0) process.stdout.write('no sources yet\n');
  for (const source of sources) {
    process.stdout.write(
      `${source.id}  ${source.kind.padEnd(18)} ${source.organization ?? '-'}\n  ${source.url}\n  ${describeHealth(source)}; last fetch ${source.health.lastFetchAt ?? 'never'}, next ${source.health.nextFetchAt}\n`,
    );
  }
  return 0;
}
