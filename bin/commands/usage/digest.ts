import { nowOption } from '../now-option.ts';
import { UsageError } from '../usage-error.ts';
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

/** `trellis digest` also prints the selection as data. */
export interface DigestInput extends SendInput {
  json: boolean;
}

export function parseDigestOptions(args: string[]): DigestInput {
  const { values } = parseOptions(args, {
    user: { type: 'string' },
    now: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const dryRun = values['dry-run'] ?? false;
  const json = values.json ?? false;
  if (json && !dryRun) throw new UsageError('--json prints what a digest would hold: use it with --dry-run');
  return { user: values.user, now: nowOption(values.now), dryRun, json };
}

export const digest: Command<DigestInput> = {
  synopsis: 'trellis digest [--user EMAIL] [--now ISO] [--dry-run [--json]]',
  details: `Send the weekly digests due in the hour before --now (default now), or one reader's digest for
this week, through the same code and send ledger as the Lambda: running it twice sends once. Locally
the mail lands in the running trellis dev's inbox; --dry-run prints the MIME message and records nothing.
--dry-run --json prints the selection as data instead: the window, each section's events (ids, titles,
times, reasons and the why sentence, a series' later dates), the calls for speakers closing soon, the
changes and contacts due, and whether it would be sent. With --user one object, else an array.`,
  flags: {},
  parse: parseDigestOptions,
  load: () => import('../digest.ts'),
};
