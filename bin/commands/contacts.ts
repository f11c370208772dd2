import { parseArgs } from 'node:util';
import type { LocalSettings } from '#shared/config/local-settings.ts';
import { type Contact, cadenceText } from '#shared/contacts/contact.ts';
import {
  buildContact,
  type ContactChanges,
  ContactDateInFutureError,
  contactFieldsSchema,
  markTalked,
  type NewContactInput,
  snoozeFor,
  updateContact,
} from '#shared/contacts/contact-input.ts';
import { daysBetween, localDate, nextDueDate } from '#shared/contacts/next-due-date.ts';
import {
  ContactNotFoundError,
  type ContactRepository,
  createContactRepository,
} from '#shared/store/contact-repository.ts';
import { createReminderSlots } from '#shared/store/reminder-slots.ts';
import { createUserRepository, UserNotFoundError } from '#shared/store/user-repository.ts';
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

const defaultSnoozeDays = 7;

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

function state(contact: Contact, dueOn: string, today: string): string {
  if (contact.paused) return 'paused';
  if (contact.snoozedUntil && contact.snoozedUntil > today && dueOn === contact.snoozedUntil)
    return 'snoozed';
  if (dueOn === today) return 'due today';
  if (dueOn < today) {
    const days = daysBetween(dueOn, today);
    return `overdue ${days} ${days === 1 ? 'day' : 'days'}`;
  }
  return '';
}

function describe(contact: Contact): string {
  const who = contact.organization ? `${contact.name}, ${contact.organization}` : contact.name;
  return `${contact.id} ${who} (${contact.relationship}, ${cadenceText(contact.cadence)}${contact.paused ? ', paused' : ''}); next due ${nextDueDate(contact)}`;
}

/** Active contacts by next due date, then paused ones: a paused contact's due date means nothing. */
function byNextDue(contacts: readonly Contact[]) {
  return contacts
    .map((contact) => ({ contact, dueOn: nextDueDate(contact) }))
    .sort(
      (a, b) =>
        Number(a.contact.paused) - Number(b.contact.paused) ||
        a.dueOn.localeCompare(b.dueOn) ||
        a.contact.name.localeCompare(b.contact.name),
    );
}

function table(contacts: readonly Contact[], today: string): string {
  const rows = byNextDue(contacts).map(({ contact, dueOn }) => [
    contact.id,
    contact.name,
    contact.relationship,
    cadenceText(contact.cadence),
    contact.lastContactedOn ?? '-',
    dueOn,
    state(contact, dueOn, today),
  ]);
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

async function requireContact(contacts: ContactRepository, userId: string, values: Values, email: string) {
  if (!values.contact) throw new UsageError('--contact ID is required');
  const contact = await contacts.get(userId, values.contact);
  if (!contact) throw new ContactNotFoundError(`no contact ${values.contact} for ${email}`);
  return contact;
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
    const profile = await createUserRepository(session.client, session.tableName).getByEmail(values.user);
    if (!profile) throw new UserNotFoundError(`no user ${values.user}`);
    const contacts = createContactRepository(session.client, session.tableName);
    const slots = createReminderSlots(session.client, session.tableName);
    const now = new Date();
    const today = localDate(now, profile.timeZone);
    const write = (text: string) => process.stdout.write(`${text}\n`);

    if (action === 'list') {
      const all = await contacts.listForUser(profile.id);
      if (values.json)
        write(
          JSON.stringify(
            byNextDue(all).map(({ contact, dueOn }) => ({ ...contact, nextDueOn: dueOn })),
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
      // Checked first: the default cadence depends on it.
      contactFieldsSchema.pick({ relationship: true }).parse({ relationship: values.relationship });
      const contact = buildContact(profile.id, changesFrom(values, null) as NewContactInput, today, now);
      await contacts.create(contact);
      // Idempotent, so every add also repairs a missing slot; the first add is the one that matters.
      await slots.enter(profile.id, profile.timeZone, profile.reminderHour);
      write(`added ${describe(contact)}`);
      return;
    }

    const contact = await requireContact(contacts, profile.id, values, profile.email);
    if (action === 'update') {
      const changes = changesFrom(values, contact.cadence);
      if (Object.keys(changes).length === 0)
        throw new UsageError('contacts update needs something to change');
      const updated = updateContact(contact, changes, today, now);
      const final = values.resume ? { ...updated, snoozedUntil: null } : updated;
      await contacts.save(final, contact);
      write(`updated ${describe(final)}`);
    } else if (action === 'done') {
      const on = values.on ?? today;
      contactFieldsSchema.pick({ lastContactedOn: true }).parse({ lastContactedOn: on });
      if (on > today) throw new ContactDateInFutureError(`--on ${on} is after today (${today})`);
      if (contact.lastContactedOn && on < contact.lastContactedOn) {
        // An older conversation must not pull the next due date back.
        write(
          `${contact.name}: already talked later, on ${contact.lastContactedOn}; next due ${nextDueDate(contact)}`,
        );
        return;
      }
      const talked = markTalked(contact, on, now);
      await contacts.save(talked, contact);
      write(`${contact.name}: talked on ${on}; next due ${nextDueDate(talked)}`);
    } else if (action === 'snooze') {
      const days = values.days === undefined ? defaultSnoozeDays : wholeNumber('days', values.days, 1, 365);
      // From the due date when that is still ahead, so snoozing early never brings the date forward.
      const snoozed = snoozeFor(contact, today, days, now);
      await contacts.save(snoozed, contact);
      write(`${contact.name}: snoozed, next due ${nextDueDate(snoozed)}`);
    } else {
      await contacts.remove(profile.id, contact.id);
      const left = await contacts.listForUser(profile.id);
      if (left.length === 0) await slots.leave(profile.id);
      write(
        `removed ${contact.id} ${contact.name}${left.length === 0 ? ' (no contacts left: no reminders)' : ''}`,
      );
    }
  } finally {
    await session.close();
  }
}
