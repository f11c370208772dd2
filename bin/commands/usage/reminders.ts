import type { Command } from './command.ts';
import { parseSendOptions, type SendInput } from './digest.ts';

export const reminders: Command<SendInput> = {
  synopsis: 'trellis reminders [--user EMAIL] [--now ISO] [--dry-run]',
  details: `Send the reconnect reminders due in the hour before --now (default now), or one reader's for
today, through the same code and send ledger as the Lambda: running it twice sends once a day.
--dry-run prints the message.`,
  flags: {},
  parse: parseSendOptions,
  load: () => import('../reminders.ts'),
};
