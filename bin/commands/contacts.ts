import { parseArgs } from 'node:util';
import type { LocalSettings } from '#shared/config/local-settings.ts';
import { addContact } from '#shared/contacts/add-contact.ts';
import { changeContact } from '#shared/contacts/change-contact.ts';
import { type Contact, cadenceText } from '#shared/contacts/contact.ts';
import { contactsInDueOrder, dueLabel, dueStateOf } from '#shared/contacts/contact-due-state.ts';
import { ContactNotFoundError } from '#shared/contacts/contact-errors.ts';
import type { ContactChanges, NewContactInput } from '#shared/contacts/contact-input.ts';
import { markContactTalked } from '#shared/contacts/mark-talked.ts';
import { localDate, nextDueDate } from '#shared/contacts/next-due-date.ts';
import { removeContact } from '#shared/contacts/remove-contact.ts';
import { defaultSnoozeDays, snoozeContact } from '#shared/contacts/snooze-contact.ts';
import { createContactDependencies } from '#shared/store/contact-dependencies.ts';
import { UserNotFoundError } from '#shared/store/user-repository.ts';
import { openStoreSession } from '../local/store-session.ts';
import { UsageError } from './usage-error.ts';

export const contactsUsage = `trellis contacts add --user EMAIL --name NAME --relationship R [contact options] [--paused]
trellis contacts update --user EMAIL --contact ID [contact options] [--paused | --resume]
trellis contacts list --user EMAIL [--json]
trellis contacts done --user EMAIL --contact ID [--on YYYY-MM-DD]
trellis contacts snooze --user EMAIL --contact ID [--days N]
trellis contacts remove --user EMAIL --contact ID
  contact options: --name N  --relationship mentor|mentee|peer|sponsor|other  --email E ('' clears)
                   --org NAME ('' clears)  --topics a,b  --every N [--unit days|weeks]  --last YYYY-MM-DD
                   --notes TEXT
  cadence: mentor every 6 weeks, mentee 4, peer, sponsor and other 8; --every alone counts weeks
  dates are the reader's local dates; done: we talked (default today); snooze: not due before
  max(today, next due) + N days (default 7); --resume ends a pause and a snooze`;

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
  paused: { type: 'boolean' },
  resume: { type: 'boolean' },
  on: { type: 'string' },
  days: { type: 'string' },
  json: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof contactOptions }>>['values'];

function wholeNumber(flag: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || number < min || number > max)
    throw new UsageError(`--${flag} takes a whole number from ${min} to ${max}, got '${value}'`);
  return number;
}

const orNull = (value: string | undefined) => (value === undefined ? undefined : value.trim() || null);

/** The fields given on the command line; the cadence fills a missing --every or --unit from `current`. */
function changesFrom(values: Values, current: Contact['cadence'] | null): ContactChanges {
  if (values.paused && values.resume) throw new UsageError('--paused and --resume exclude each other');
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
    topics: values.topics?.split(',').flatMap((topic) => topic.trim() || []),
    cadence,
    lastContactedOn: values.last,
    notes: values.notes,
    paused: values.paused ? true : values.resume ? false : undefined,
  };
  return Object.fromEntries(
    Object.entries(changes).filter(([, value]) => value !== undefined),
  ) as ContactChanges;
}

function describe(contact: Contact): string {
  const who = contact.organization ? `${contact.name}, ${contact.organization}` : contact.name;
  return `${contact.id} ${who} (${contact.relationship}, ${cadenceText(contact.cadence)}${contact.paused ? ', paused' : ''}); next due ${nextDueDate(contact)}`;
}

function table(contacts: readonly Contact[], today: string): string {
  const rows = contactsInDueOrder(contacts).map((contact) => {
    const due = dueStateOf(contact, today);
    return [
      contact.id,
      contact.name,
      contact.relationship,
      cadenceText(contact.cadence),
      contact.lastContactedOn ?? '-',
      due.dueOn,
      dueLabel(due),
    ];
  });
  const header = ['ID', 'NAME', 'RELATIONSHIP', 'CADENCE', 'LAST CONTACTED', 'NEXT DUE', 'STATE'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export async function runContacts(args: string[], settings: LocalSettings): Promise<void> {
  const [action, ...rest] = args;
  if (!['add', 'update', 'list', 'done', 'snooze', 'remove'].includes(action ?? ''))
    throw new UsageError(
      action
        ? `unknown contacts action '${action}'`
        : 'contacts needs an action: add, update, list, done, snooze or remove',
    );
  const { values } = parseArgs({ args: rest, options: contactOptions });
  if (!values.user) throw new UsageError('--user EMAIL is required');
  const session = await openStoreSession(settings);
  try {
    const deps = createContactDependencies(session.client, session.tableName);
    const profile = await deps.users.getByEmail(values.user);
    if (!profile) throw new UserNotFoundError(`no user ${values.user}`);
    const now = new Date();
    const today = localDate(now, profile.timeZone);
    const write = (text: string) => process.stdout.write(`${text}\n`);

    if (action === 'list') {
      const all = contactsInDueOrder(await deps.contacts.listForUser(profile.id));
      if (values.json)
        write(
          JSON.stringify(
            all.map((contact) => ({ ...contact, nextDueOn: nextDueDate(contact) })),
            null,
            2,
          ),
        );
      else write(all.length === 0 ? `no contacts for ${profile.email} yet` : table(all, today));
      return;
    }
    if (action === 'add') {
      if (values.name === undefined || values.relationship === undefined)
        throw new UsageError('contacts add needs --name and --relationship');
      if (values.resume) throw new UsageError('--resume is for contacts update');
      const contact = await addContact(deps, profile, changesFrom(values, null) as NewContactInput, now);
      write(`added ${describe(contact)}`);
      return;
    }

    if (!values.contact) throw new UsageError('--contact ID is required');
    const contactId = values.contact;
    try {
      if (action === 'update') {
        // --every or --unit alone keeps the other half of the stored cadence.
        const current = await deps.contacts.get(profile.id, contactId);
        if (!current) throw new ContactNotFoundError(`no contact ${contactId}`);
        const changes = changesFrom(values, current.cadence);
        if (Object.keys(changes).length === 0)
          throw new UsageError('contacts update needs something to change');
        const updated = await changeContact(deps, profile, contactId, changes, now, {
          endSnooze: values.resume === true,
        });
        write(`updated ${describe(updated)}`);
      } else if (action === 'done') {
        const { contact, changed } = await markContactTalked(deps, profile, contactId, now, {
          on: values.on,
        });
        write(
          changed
            ? `${contact.name}: talked on ${contact.lastContactedOn}; next due ${nextDueDate(contact)}`
            : `${contact.name}: already talked later, on ${contact.lastContactedOn}; next due ${nextDueDate(contact)}`,
        );
      } else if (action === 'snooze') {
        const days = values.days === undefined ? defaultSnoozeDays : wholeNumber('days', values.days, 1, 365);
        const snoozed = await snoozeContact(deps, profile, contactId, days, now);
        write(`${snoozed.name}: snoozed, next due ${nextDueDate(snoozed)}`);
      } else {
        const { contact, remindersEnded } = await removeContact(deps, profile.id, contactId);
        write(
          `removed ${contact.id} ${contact.name}${remindersEnded ? ' (no contacts left: no reminders)' : ''}`,
        );
      }
    } catch (error) {
      if (error instanceof ContactNotFoundError)
        throw new ContactNotFoundError(`no contact ${contactId} for ${profile.email}`);
      throw error;
    }
  } finally {
    await session.close();
  }
}
