import { parseArgs } from 'node:util';
import type { LocalSettings } from '#shared/config/local-settings.ts';
import { buildSource } from '#shared/sources/new-source.ts';
import type { Source } from '#shared/sources/source.ts';
import { createSourceRepository } from '#shared/store/source-repository.ts';
import { openStoreSession } from '../local/store-session.ts';
import { UsageError } from './usage-error.ts';

export const sourcesUsage = `trellis sources add <url> --kind <industry-event|professional-org|mentorship-program|peer-group>
                    [--org NAME] [--tags a,b] [--refresh MINUTES] [--tz IANA-ZONE]
trellis sources list [--json]`;

function describeHealth(source: Source): string {
  const health = source.health;
  if (health.lastError)
    return `FAILING ×${health.consecutiveFailures} (${health.lastErrorCode}): ${health.lastError}`;
  if (!health.lastSuccessAt) return 'not fetched yet';
  const problems = health.lastProblemCount ? `, ${health.lastProblemCount} problems` : '';
  return `ok, ${health.lastEventCount} events (${health.lastFormat})${problems}`;
}

export async function runSources(args: string[], settings: LocalSettings): Promise<void> {
  const [action, ...rest] = args;
  if (action === 'add') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        kind: { type: 'string' },
        org: { type: 'string' },
        tags: { type: 'string' },
        refresh: { type: 'string' },
        tz: { type: 'string' },
      },
    });
    const [url, ...extra] = positionals;
    if (!url || extra.length > 0) throw new UsageError('sources add takes exactly one URL');
    if (!values.kind) throw new UsageError('sources add needs --kind');
    const source = buildSource(
      {
        url,
        kind: values.kind as Source['kind'],
        organization: values.org ?? null,
        defaultTags: values.tags
          ? values.tags
              .split(',')
              .map((tag) => tag.trim())
              .filter(Boolean)
          : [],
        ...(values.refresh ? { refreshMinutes: Number(values.refresh) } : {}),
        timeZone: values.tz ?? null,
      },
      new Date(),
    );
    const session = await openStoreSession(settings);
    try {
      await createSourceRepository(session.client, session.tableName).create(source);
    } finally {
      await session.close();
    }
    process.stdout.write(
      `added ${source.id} (${source.kind}) ${source.url}\nrun \`trellis ingest --source ${source.id}\` to fetch it now\n`,
    );
    return;
  }
  if (action === 'list') {
    const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
    const session = await openStoreSession(settings);
    let sources: Source[];
    try {
      sources = await createSourceRepository(session.client, session.tableName).list();
    } finally {
      await session.close();
    }
    if (values.json) {
      process.stdout.write(`${JSON.stringify(sources, null, 2)}\n`);
      return;
    }
    if (sources.length === 0) process.stdout.write('no sources yet\n');
    for (const source of sources) {
      process.stdout.write(
        `${source.id}  ${source.kind.padEnd(18)} ${source.organization ?? '-'}\n  ${source.url}\n  ${describeHealth(source)}; last fetch ${source.health.lastFetchAt ?? 'never'}, next ${source.health.nextFetchAt}\n`,
      );
    }
    return;
  }
  throw new UsageError(`unknown sources action '${action ?? ''}'`);
}
