import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MembershipDependencies } from '../organizations/membership-actions.ts';
import type { SuggestOrganizationsDependencies } from '../organizations/suggest-organizations.ts';
import { createEventStore, type EventStore } from './event-store.ts';
import { createMembershipRepository, type MembershipRepository } from './membership-repository.ts';
import { createReminderSlots, type ReminderSlots } from './reminder-slots.ts';
import { createSavedEventStore, type SavedEventStore } from './saved-event-store.ts';
import { createSourceRepository, type SourceRepository } from './source-repository.ts';
import { createUserRepository, type UserRepository } from './user-repository.ts';

export type OrganizationStores = MembershipDependencies &
  SuggestOrganizationsDependencies & {
    readonly memberships: MembershipRepository;
    readonly users: UserRepository;
    readonly slots: ReminderSlots;
    readonly events: EventStore;
    readonly savedEvents: SavedEventStore;
    readonly sources: SourceRepository;
  };

/**
 * What the organization use cases (suggestions, memberships) need from the table, built once per
 * container or command from one client, so the API, the pages and the CLI wire them alike. Follows go
 * through the profile's dependencies (createProfileDependencies).
 */
export function createOrganizationDependencies(
  client: DynamoDBDocumentClient,
  tableName: string,
): OrganizationStores {
  return {
    memberships: createMembershipRepository(client, tableName),
    users: createUserRepository(client, tableName),
    slots: createReminderSlots(client, tableName),
    events: createEventStore(client, tableName),
    savedEvents: createSavedEventStore(client, tableName),
    sources: createSourceRepository(client, tableName),
  };
}
