import type { LocalSettings } from '#shared/config/local-settings.ts';
import { addContact } from '#shared/contacts/add-contact.ts';
import { ContactOwnerNotFoundError, ReminderScheduleChangedError } from '#shared/contacts/contact-errors.ts';
import { formatEventStart } from '#shared/digest/format-event-time.ts';
import { suggestPeople } from '#shared/people/suggest-people.ts';
import { createContactDependencies } from '#shared/store/contact-dependencies.ts';
import { createEventStore } from '#shared/store/event-store.ts';
import { createSavedEventStore } from '#shared/store/saved-event-store.ts';
import { UserNotFoundError } from '#shared/store/user-repository.ts';
import { openStoreSession } from '../local/store-session.ts';
import { storeErrors } from './store-errors.ts';
import type { CommandModule } from './usage/command.ts';
import type { PeopleInput } from './usage/people.ts';

export const expectedErrors: CommandModule<PeopleInput>['expectedErrors'] = [
  ...storeErrors,
  UserNotFoundError,
  ContactOwnerNotFoundError,
  ReminderScheduleChangedError,
];

/** `trellis people`: the same use cases as `/people` and `/api/people/suggested`. */
export async function run(input: PeopleInput, settings: LocalSettings): Promise<number> {
  const session = await openStoreSession(settings);
  try {
    const contactActions = createContactDependencies(session.client, session.tableName);
    const profile = await contactActions.users.getByEmail(input.user);
    if (!profile) throw new UserNotFoundError(`no user ${input.user}`);
    if (input.action === 'add') {
      const contact = await addContact(
        contactActions,
        profile,
        { name: input.name ?? '', relationship: 'potential-mentor', topics: input.topics ?? [] },
        new Date(),
      );
      process.stdout.write(
        input.json
          ? `${JSON.stringify(contact, null, 2)}\n`
          : `${contact.id} ${contact.name}: potential mentor, to reach out\n`,
      );
      return 0;
    }
    const people = await suggestPeople(
      {
        events: createEventStore(session.client, session.tableName),
        savedEvents: createSavedEventStore(session.client, session.tableName),
        contacts: contactActions.contacts,
      },
      profile,
      new Date(),
    );
    if (input.json) {
      process.stdout.write(`${JSON.stringify(people, null, 2)}\n`);
      return 0;
    }
    if (people.length === 0)
      process.stdout.write('Nobody yet: no speaker or organizer appears in two events that fit.\n');
    for (const person of people) {
      const next = person.nextEvent
        ? `; next: ${person.nextEvent.title}, ${formatEventStart(person.nextEvent.start, person.nextEvent.allDay, profile.timeZone)}`
        : '';
      process.stdout.write(`${person.name}: ${person.why}${next}\n`);
    }
    return 0;
  } finally {
    await session.close();
  }
}
