import { UsageError } from '../usage-error.ts';
import type { Command } from './command.ts';
import { commaList } from './lists.ts';
import { parseOptions } from './parse-options.ts';

export type SourcesInput =
  | {
      action: 'add';
      source: {
        url: string;
        kind: string;
        organization: string | null;
        defaultTags: string[];
        refreshMinutes?: number;
        timeZone: string | null;
      };
    }
  | { action: 'list'; json: boolean };

export const sources: Command<SourcesInput> = {
  synopsis: `trellis sources add <url> --kind <industry-event|professional-org|mentorship-program|peer-group>
                    [--org NAME] [--tags a,b] [--refresh MINUTES] [--tz IANA-ZONE]
trellis sources list [--json]`,
  details: `add registers a feed: --refresh 15-10080 minutes between fetches (default 60); --tz is the zone
for feeds that give times without one. list shows every source with its health: last fetch, format,
event count, problems, last error, failures in a row, next fetch.`,
  flags: {
    url: '<url>',
    kind: '--kind',
    organization: '--org',
    defaultTags: '--tags',
    refreshMinutes: '--refresh',
    timeZone: '--tz',
  },
  parse([action, ...args]) {
    if (action === 'add') {
      const { values, positionals } = parseOptions(
        args,
        {
          kind: { type: 'string' },
          org: { type: 'string' },
          tags: { type: 'string' },
          refresh: { type: 'string' },
          tz: { type: 'string' },
        },
        true,
      );
      const [url, ...extra] = positionals;
      if (!url || extra.length > 0) throw new UsageError('sources add takes exactly one URL');
      if (!values.kind) throw new UsageError('sources add needs --kind');
      return {
        action,
        source: {
          url,
          kind: values.kind,
          organization: values.org ?? null,
          defaultTags: commaList(values.tags) ?? [],
          ...(values.refresh ? { refreshMinutes: Number(values.refresh) } : {}),
          timeZone: values.tz ?? null,
        },
      };
    }
    if (action === 'list') {
      const { values } = parseOptions(args, { json: { type: 'boolean' } });
      return { action, json: values.json ?? false };
    }
    throw new UsageError(
      action ? `unknown sources action '${action}'` : 'sources needs an action: add or list',
    );
  },
  load: () => import('../sources.ts'),
};
