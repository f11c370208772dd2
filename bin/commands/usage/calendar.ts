import { UsageError } from '../usage-error.ts';
import type { Command } from './command.ts';
import { parseOptions } from './parse-options.ts';

export interface CalendarInput {
  action: 'url' | 'rotate';
  user: string;
}

export const calendar: Command<CalendarInput> = {
  synopsis: `trellis calendar url --user EMAIL
trellis calendar rotate --user EMAIL`,
  details: `url prints the reader's secret calendar feed URL, https and webcal:// (created on first use);
rotate makes a new one and the old one answers 404 at once.`,
  flags: {},
  parse([action, ...args]) {
    if (action !== 'url' && action !== 'rotate')
      throw new UsageError(
        action ? `unknown calendar action '${action}'` : 'calendar needs an action: url or rotate',
      );
    const { values } = parseOptions(args, { user: { type: 'string' } });
    if (!values.user) throw new UsageError('--user EMAIL is required');
    return { action, user: values.user };
  },
  load: () => import('../calendar.ts'),
};
