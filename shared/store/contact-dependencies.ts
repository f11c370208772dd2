import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ContactActionDependencies } from '../contacts/contact-action-dependencies.ts';
import { createCalendarStore } from './calendar-store.ts';
import { type ContactRepository, createContactRepository } from './contact-repository.ts';
import { createReminderSlots, type ReminderSlots } from './reminder-slots.ts';
import { createUserRepository, type UserRepository } from './user-repository.ts';

export type ContactStores = ContactActionDependencies & {
  readonly contacts: ContactRepository;
  readonly slots: ReminderSlots;
  readonly users: UserRepository;
};

/**
 * What the contact use cases need from the table, built once per container or command from one client,
 * so the API, the pages, the CLI, the email links and the demo wire them alike.
 */
export function createContactDependencies(client: DynamoDBDocumentClient, tableName: string): ContactStores {
  return {
    contacts: createContactRepository(client, tableName),
    users: createUserRepository(client, tableName),
    slots: createReminderSlots(client, tableName),
    calendars: createCalendarStore(client, tableName),
  };
}
