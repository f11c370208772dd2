import type { Command } from './command.ts';
import { parseOptions } from './parse-options.ts';

export const reindex: Command<Record<string, never>> = {
  synopsis: 'trellis reindex',
  details: `After upgrading a table written by an earlier release: writes every profile again with today's
index keys and rebuilds every user's reminder slot from a count of their contacts. Safe to run twice
and while the service runs. With TRELLIS_TARGET=aws and TABLE_NAME it works on the deployed table
(it scans the table: run it with an operator's credentials, once).`,
  flags: {},
  parse(args) {
    parseOptions(args, {});
    return {};
  },
  load: () => import('../reindex.ts'),
};
