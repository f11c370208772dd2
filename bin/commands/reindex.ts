import type { LocalSettings } from '#shared/config/local-settings.ts';
import { createContactRepository } from '#shared/store/contact-repository.ts';
import { createMembershipRepository } from '#shared/store/membership-repository.ts';
import { createReminderSlots } from '#shared/store/reminder-slots.ts';
import { createUserRepository } from '#shared/store/user-repository.ts';
import { reindexUsers } from '#shared/users/reindex-users.ts';
import { openStoreSession } from '../local/store-session.ts';
import { storeErrors } from './store-errors.ts';
import type { CommandModule } from './usage/command.ts';

export const expectedErrors: CommandModule<Record<string, never>>['expectedErrors'] = [...storeErrors];

/** `trellis reindex`: profiles and reminder slots written again in today's layout. */
export async function run(_input: Record<string, never>, settings: LocalSettings): Promise<number> {
  const session = await openStoreSession(settings);
  try {
    const report = await reindexUsers({
      users: createUserRepository(session.client, session.tableName),
      contacts: createContactRepository(session.client, session.tableName),
      slots: createReminderSlots(session.client, session.tableName),
      memberships: createMembershipRepository(session.client, session.tableName),
    });
    process.stdout.write(
      `reindexed ${report.profiles} profiles; ${report.slots} users with contacts or renewals have a reminder slot\n`,
    );
    return 0;
  } finally {
    await session.close();
  }
}
