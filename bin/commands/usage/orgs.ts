import { UsageError } from '../usage-error.ts';
import type { Command } from './command.ts';
import { parseOptions } from './parse-options.ts';

const orgOptions = {
  user: { type: 'string' },
  org: { type: 'string' },
  renews: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const actions = ['suggest', 'follow', 'unfollow', 'member', 'leave'] as const;

export interface OrgsInput {
  readonly action: (typeof actions)[number];
  readonly user: string;
  /** Checked present for every action but suggest. */
  readonly org: string;
  /** member: the renewal date as typed ('' clears it); undefined: none. */
  readonly renews: string | undefined;
  readonly json: boolean;
}

export const orgs: Command<OrgsInput> = {
  synopsis: `trellis orgs --user EMAIL [--json]
trellis orgs follow|unfollow --user EMAIL --org NAME
trellis orgs member --user EMAIL --org NAME [--renews YYYY-MM-DD]
trellis orgs leave --user EMAIL --org NAME`,
  details: `Without an action: the organizations, peer groups and mentorship programmes behind the reader's
matching events of the next 90 days, best first, with why, their website when known and their next
events. follow and unfollow change the profile's followed organizations (their events rank higher);
member marks a membership, with an optional renewal date that brings a line in the daily reminder mail
30 days before (without --renews it has none); leave removes it. Names compare ignoring case and punctuation.`,
  flags: { organization: '--org', renewsOn: '--renews' },
  parse(args) {
    const [first] = args;
    const named = first !== undefined && !first.startsWith('-');
    const action = named ? actions.find((name) => name === first) : 'suggest';
    if (!action || (action === ('suggest' as string) && named))
      throw new UsageError(`unknown orgs action '${first}' (follow, unfollow, member or leave)`);
    const { values } = parseOptions(named ? args.slice(1) : args, orgOptions);
    if (!values.user) throw new UsageError('--user EMAIL is required');
    if (action !== 'suggest' && values.org === undefined) throw new UsageError('--org NAME is required');
    if (action === 'suggest' && values.org !== undefined) throw new UsageError('--org needs an action');
    if (values.renews !== undefined && action !== 'member')
      throw new UsageError('--renews is for orgs member');
    if (values.json && action !== 'suggest') throw new UsageError('--json is for the suggestions');
    return {
      action,
      user: values.user,
      org: values.org ?? '',
      renews: values.renews,
      json: values.json === true,
    };
  },
  load: () => import('../orgs.ts'),
};
