import type { Command } from './command.ts';
import { parseOptions } from './parse-options.ts';

export const dev: Command<null> = {
  synopsis: 'trellis dev                 run the whole service locally (same as npm start)',
  details: `Starts DynamoDB Local, SES local, the demo feeds and the API, ingests once, sends this week's demo
digest and reminder, prints what to open and runs until Ctrl-C. Data lives in .trellis/ (TRELLIS_DATA_DIR).`,
  flags: {},
  parse(args) {
    parseOptions(args, {});
    return null;
  },
  load: () => import('../dev.ts'),
};
