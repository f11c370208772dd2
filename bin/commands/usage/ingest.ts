import type { Command } from './command.ts';
import { parseOptions } from './parse-options.ts';

export interface IngestInput {
  source?: string;
  due: boolean;
  force: boolean;
}

export const ingest: Command<IngestInput> = {
  synopsis: 'trellis ingest [--source ID] [--due] [--force]   (all sources by default)',
  details: `Fetch and store now, in this process: all sources, only the --due ones, or one --source.
--force skips the conditional GET.`,
  flags: {},
  parse(args) {
    const { values } = parseOptions(args, {
      source: { type: 'string' },
      due: { type: 'boolean' },
      force: { type: 'boolean' },
    });
    return { source: values.source, due: values.due ?? false, force: values.force ?? false };
  },
  load: () => import('../ingest.ts'),
};
