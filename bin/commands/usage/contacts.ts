import type { Contact } from '#shared/contacts/contact.ts';
import type { ContactChanges } from '#shared/contacts/contact-input.ts';
import { UsageError } from '../usage-error.ts';
import type { Command } from './command.ts';
import { commaList } from './lists.ts';
import { parseOptions } from './parse-options.ts';

const contactOptions = {
  user: { type: 'string' },
  contact: { type: 'string' },
  name: { type: 'string' },
  relationship: { type: 'string' },
  email: { type: 'string' },
  org: { type: 'string' },
  topics: { type: 'string' },
  every: { type: 'string' },
  unit: { type: 'string' },
  last: { type: 'string' },
  notes: { type: 'string' },
  stage: { type: 'string' },
  paused: { type: 'boolean' },
  resume: { type: 'boolean' },
  on: { type: 'string' },
  days: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export type ContactValues = ReturnType<typeof parseOptions<typeof contactOptions>>['values'];

const actions = ['add', 'update', 'list', 'done', 'snooze', 'remove'] as const;

export interface ContactsInput {
  action: (typeof actions)[number];
  user: string;
  /** Checked present for every action but add and list. */
  contact: string | undefined;
  /** Whole days for snooze, when given. */
  days: number | undefined;
  values: ContactValues;
}

function wholeNumber(flag: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || number < min || number > max)
    throw new UsageError(`--${flag} takes a whole number from ${min} to ${max}, got '${value}'`);
  return number;
}

const orNull = (value: string | undefined) => (value === undefined ? undefined : value.trim() || null);

/** The fields given on the command line; the cadence fills a missing --every or --unit from `current`. */
export function changesFrom(values: ContactValues, current: Contact['cadence'] | null): ContactChanges {
  let cadence: unknown;
  if (values.every !== undefined || values.unit !== undefined) {
    if (values.every === undefined && !current) throw new UsageError('--unit needs --every');
    cadence = {
      // Out-of-range numbers are left to the schema, which names the field and its bounds.
      every: values.every === undefined ? current?.every : wholeNumber('every', values.every, 0, 100_000),
      unit: values.unit ?? (values.every === undefined ? current?.unit : 'weeks'),
    };
  }
  const changes: Record<string, unknown> = {
    name: values.name,
    relationship: values.relationship,
    email: orNull(values.email),
    organization: orNull(values.org),
    topics: commaList(values.topics),
    cadence,
    lastContactedOn: values.last,
    notes: values.notes,
    stage: values.stage,
    paused: values.paused ? true : values.resume ? false : undefined,
  };
  return Object.fromEntries(
    Object.entries(changes).filter(([, value]) => value !== undefined),
  ) as ContactChanges;
}

const changeFlags = [
  'name',
  'relationship',
  'email',
  'org',
  'topics',
  'every',
  'unit',
  'last',
  'notes',
  'stage',
] as const;

export const contacts: Command<ContactsInput> = {
  synopsis: `trellis contacts add --user EMAIL --name NAME --relationship R [contact options] [--paused]
trellis contacts update --user EMAIL --contact ID [contact options] [--paused | --resume]
trellis contacts list --user EMAIL [--json]
trellis contacts done --user EMAIL --contact ID [--on YYYY-MM-DD]
trellis contacts snooze --user EMAIL --contact ID [--days N]
trellis contacts remove --user EMAIL --contact ID
  contact options: --name N  --relationship mentor|mentee|peer|sponsor|potential-mentor|other  --email E ('' clears)
                   --org NAME ('' clears)  --topics a,b  --every N [--unit days|weeks]  --last YYYY-MM-DD
                   --notes TEXT  --stage to-reach-out|reached-out|mentor|not-a-fit (potential mentors)
  cadence: mentor every 6 weeks, mentee and potential-mentor 4, peer, sponsor and other 8; --every alone counts weeks
  dates are the reader's local dates; done: we talked (default today); snooze: not due before
  max(today, next due) + N days (default 7); --resume ends a pause and a snooze`,
  details: `The cadence counts from --last (not in the future) or from today; the reader's first contact puts
them on the reminder schedule, and with the last one removed they get no reminders. update changes only
the given fields; --every or --unit alone keeps the other half of the cadence.`,
  flags: {
    // snoozeContact validates the bare number of days, so its issues have an empty path.
    '': '--days',
    name: '--name',
    relationship: '--relationship',
    email: '--email',
    organization: '--org',
    topics: '--topics',
    cadence: '--every',
    'cadence.every': '--every',
    'cadence.unit': '--unit',
    lastContactedOn: '--last',
    notes: '--notes',
    stage: '--stage',
    paused: '--paused',
    on: '--on',
  },
  parse([action, ...args]) {
    const known = actions.find((name) => name === action);
    if (!known)
      throw new UsageError(
        action
          ? `unknown contacts action '${action}'`
          : 'contacts needs an action: add, update, list, done, snooze or remove',
      );
    const { values } = parseOptions(args, contactOptions);
    if (!values.user) throw new UsageError('--user EMAIL is required');
    if (values.paused && values.resume) throw new UsageError('--paused and --resume exclude each other');
    if (values.every !== undefined) wholeNumber('every', values.every, 0, 100_000);
    if (known === 'add') {
      if (values.name === undefined || values.relationship === undefined)
        throw new UsageError('contacts add needs --name and --relationship');
      if (values.resume) throw new UsageError('--resume is for contacts update');
      if (values.unit !== undefined && values.every === undefined)
        throw new UsageError('--unit needs --every');
    }
    if (known !== 'add' && known !== 'list' && !values.contact)
      throw new UsageError('--contact ID is required');
    if (
      known === 'update' &&
      !values.paused &&
      !values.resume &&
      changeFlags.every((flag) => values[flag] === undefined)
    )
      throw new UsageError('contacts update needs something to change');
    const days =
      known === 'snooze' && values.days !== undefined ? wholeNumber('days', values.days, 1, 365) : undefined;
    return { action: known, user: values.user, contact: values.contact, days, values };
  },
  load: () => import('../contacts.ts'),
};
