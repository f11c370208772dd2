import { UsageError } from '../usage-error.ts';
import type { Command } from './command.ts';
import { commaList } from './lists.ts';
import { parseOptions } from './parse-options.ts';

const actions = ['suggested', 'add'] as const;

export interface PeopleInput {
  action: (typeof actions)[number];
  user: string;
  json: boolean;
  /** For add. */
  name: string | undefined;
  topics: string[] | undefined;
}

export const people: Command<PeopleInput> = {
  synopsis: `trellis people --user EMAIL [--json]
trellis people add --user EMAIL --name NAME [--topics a,b]`,
  details: `People worth meeting for a reader: named as speaker, chair or organizer in two or more events that
match them (the past month and the next three) or in an event they saved, with why and where to meet
them next. add makes one a contact with the relationship potential-mentor at the stage "to reach out"
(change the stage with the contacts command's update --stage).`,
  flags: { name: '--name', topics: '--topics' },
  parse(args) {
    const [first, ...rest] = args;
    const action = first !== undefined && !first.startsWith('-') ? first : 'suggested';
    const known = actions.find((name) => name === action);
    if (!known) throw new UsageError(`unknown people action '${action}'`);
    const { values } = parseOptions(first === known ? rest : args, {
      user: { type: 'string' },
      json: { type: 'boolean' },
      name: { type: 'string' },
      topics: { type: 'string' },
    });
    if (!values.user) throw new UsageError('--user EMAIL is required');
    if (known === 'add' && !values.name) throw new UsageError('people add needs --name');
    if (known === 'suggested' && values.name !== undefined) throw new UsageError('--name is for people add');
    return {
      action: known,
      user: values.user,
      json: values.json ?? false,
      name: values.name,
      topics: commaList(values.topics),
    };
  },
  load: () => import('../people.ts'),
};
