import { nowOption } from '../now-option.ts';
import type { Command } from './command.ts';
import { parseOptions } from './parse-options.ts';

/** `trellis digest` and `trellis reminders` read the same flags. */
export interface SendInput {
  user?: string;
  now: Date;
  dryRun: boolean;
}

export function parseSendOptions(args: string[]): SendInput {
  const { values } = parseOptions(args, {
    user: { type: 'string' },
    now: { type: 'string' },
    'dry-run': { type: 'boolean' },
  });
  return { user: values.user, now: nowOption(values.now), dryRun: values['dry-run'] ?? false };
}

export const digest: Command<SendInput> = {
  synopsis: 'trellis digest [--user EMAIL] [--now ISO] [--dry-run]',
  details: `Send the weekly digests due in the hour before --now (default now), or one reader's digest for
this week, through the same code and send ledger as the Lambda: running it twice sends once. Locally
the mail lands in the running trellis dev's inbox; --dry-run prints the MIME message and records nothing.`,
  flags: {},
  parse: parseSendOptions,
  load: () => import('../digest.ts'),
};
