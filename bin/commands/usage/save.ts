import { UsageError } from '../usage-error.ts';
import type { Command } from './command.ts';
import { parseOptions } from './parse-options.ts';

export interface SaveInput {
  user: string;
  event: string;
}

export const save: Command<SaveInput> = {
  synopsis: 'trellis save --user EMAIL --event ID',
  details: `Save an event for a reader: it joins their calendar feed and an iTIP invitation is mailed
(locally: to the running trellis dev's inbox). Saving twice sends once.`,
  flags: {},
  parse(args) {
    const { values } = parseOptions(args, { user: { type: 'string' }, event: { type: 'string' } });
    if (!values.user || !values.event) throw new UsageError('save needs --user EMAIL and --event ID');
    return { user: values.user, event: values.event };
  },
  load: () => import('../save.ts'),
};
