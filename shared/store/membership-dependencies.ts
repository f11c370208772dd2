import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MembershipDependencies } from '../organizations/membership-actions.ts';
import type { SuggestOrganizationsDependencies } from '../organizations/suggest-organizations.ts';
import { createEventStore } from './event-store.ts';
import { createMembershipRepository, type MembershipRepository } from './membership-repository.ts';
import { createReminderSlots } from './reminder-slots.ts';
import { createSavedEventStore } from './saved-event-store.ts';
import { createSourceRepository } from './source-repository.ts';
import { createUserRepository } from './user-repository.ts';

export type OrganizationStores = MembershipDependencies &
  SuggestOrganizationsDependencies & { readonly memberships: MembershipRepository };

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
