import type { LocalSettings } from '#shared/config/local-settings.ts';
import { addContact } from '#shared/contacts/add-contact.ts';
import { changeContact } from '#shared/contacts/change-contact.ts';
import { type Contact, cadenceText, mentorStageLabels } from '#shared/contacts/contact.ts';
import { contactsInDueOrder, dueLabel, dueStateOf } from '#shared/contacts/contact-due-state.ts';
import {
  ContactChangedError,
  ContactDateInFutureError,
  ContactNotFoundError,
  ContactOwnerNotFoundError,
  ReminderScheduleChangedError,
  StageNotAllowedError,
} from '#shared/contacts/contact-errors.ts';
import type { NewContactInput } from '#shared/contacts/contact-input.ts';
import { markContactTalked } from '#shared/contacts/mark-talked.ts';
import { localDate, nextDueDate } from '#shared/contacts/next-due-date.ts';
import { removeContact } from '#shared/contacts/remove-contact.ts';
import { defaultSnoozeDays, snoozeContact } from '#shared/contacts/snooze-contact.ts';
import { createContactDependencies } from '#shared/store/contact-dependencies.ts';
import { UserNotFoundError } from '#shared/store/user-repository.ts';
import { openStoreSession } from '../local/store-session.ts';
import { storeErrors } from './store-errors.ts';
import type { CommandModule } from './usage/command.ts';
import { type ContactsInput, changesFrom } from './usage/contacts.ts';

export const expectedErrors: CommandModule<ContactsInput>['expectedErrors'] = [
  ...storeErrors,
  UserNotFoundError,
  ContactNotFoundError,
  ContactChangedError,
  ContactDateInFutureError,
  ContactOwnerNotFoundError,
  ReminderScheduleChangedError,
  StageNotAllowedError,
];

function describe(contact: Contact): string {
  const who = contact.organization ? `${contact.name}, ${contact.organization}` : contact.name;
  const stage = contact.stage ? `, ${mentorStageLabels[contact.stage].toLowerCase()}` : '';
  return `${contact.id} ${who} (${contact.relationship}${stage}, ${cadenceText(contact.cadence)}${contact.paused ? ', paused' : ''}); next due ${nextDueDate(contact)}`;
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

/** `trellis contacts add|update|list|done|snooze|remove --user EMAIL`. */
export async function run(input: ContactsInput, settings: LocalSettings): Promise<number> {
  const { action, values } = input;
  const session = await openStoreSession(settings);
  try {
    const deps = createContactDependencies(session.client, session.tableName);
    const profile = await deps.users.getByEmail(input.user);
    if (!profile) throw new UserNotFoundError(`no user ${input.user}`);
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
      return 0;
    }
    if (action === 'add') {
      const contact = await addContact(deps, profile, changesFrom(values, null) as NewContactInput, now);
      write(`added ${describe(contact)}`);
      return 0;
    }

    // The usage check made sure every other action has --contact.
    const contactId = input.contact ?? '';
    try {
      if (action === 'update') {
        // --every or --unit alone keeps the other half of the stored cadence.
        const current = await deps.contacts.get(profile.id, contactId);
        if (!current) throw new ContactNotFoundError(`no contact ${contactId}`);
        const changes = changesFrom(values, current.cadence);
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
        const snoozed = await snoozeContact(deps, profile, contactId, input.days ?? defaultSnoozeDays, now);
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
    return 0;
  } finally {
    await session.close();
  }
}
