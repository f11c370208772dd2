import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RemoveUserDependencies } from '../users/remove-user.ts';
import type { SaveProfileDependencies } from '../users/save-profile.ts';
import { createCalendarStore } from './calendar-store.ts';
import { reminderSlotAbsentPart, reminderSlotMoveParts, reminderSlotRemovalPart } from './reminder-slots.ts';
import { createUserRepository, type UserRepository } from './user-repository.ts';

export type ProfileDependencies = SaveProfileDependencies &
  RemoveUserDependencies & { readonly users: UserRepository };

/**
 * What the profile use cases (save, update, remove) need from the table, built once per container or
 * command from one client, so every caller (API, pages, CLI, links, demo) wires them alike.
 */
export function createProfileDependencies(
  client: DynamoDBDocumentClient,
  tableName: string,
): ProfileDependencies {
  return {
    users: createUserRepository(client, tableName),
    calendars: createCalendarStore(client, tableName),
    reminderSlotMove: (userId, timeZone, hour) => reminderSlotMoveParts(tableName, userId, timeZone, hour),
    reminderSlotAbsent: (userId) => [reminderSlotAbsentPart(tableName, userId)],
    reminderSlotRemoval: (userId) => [reminderSlotRemovalPart(tableName, userId)],
  };
}
