import type { ContactRepository } from '../store/contact-repository.ts';
import type { MembershipRepository } from '../store/membership-repository.ts';
import type { ReminderSlots } from '../store/reminder-slots.ts';
import { UserChangedError, type UserRepository } from '../store/user-repository.ts';

export interface ReindexDependencies {
  readonly users: Pick<UserRepository, 'scanProfiles' | 'save'>;
  readonly contacts: Pick<ContactRepository, 'listForUser'>;
  readonly slots: Pick<ReminderSlots, 'rebuild'>;
  /** Memberships with a renewal date count in the reminder slot like contacts (absent: none). */
  readonly memberships?: Pick<MembershipRepository, 'listForUser'>;
}

export interface ReindexReport {
  readonly profiles: number;
  readonly slots: number;
}

/**
 * After upgrading a table written by an earlier release: every profile is written again with today's
 * index attributes (digest slot on gsi3, the sharded user listing), and every user's reminder slot is
 * rebuilt from a count of their contacts and memberships with a renewal date. Safe to run again, and while the service runs: a profile
 * saved meanwhile was indexed by that save; a contact added meanwhile is counted by its own transaction
 * after the rebuild (a race of milliseconds, for one user, once).
 */
export async function reindexUsers(deps: ReindexDependencies): Promise<ReindexReport> {
  let profiles = 0;
  let slots = 0;
  for await (const page of deps.users.scanProfiles()) {
    for (const profile of page) {
      try {
        await deps.users.save(profile, profile);
      } catch (error) {
        if (!(error instanceof UserChangedError)) throw error;
      }
      const [contacts, memberships] = await Promise.all([
        deps.contacts.listForUser(profile.id),
        deps.memberships ? deps.memberships.listForUser(profile.id) : Promise.resolve([]),
      ]);
      const count = contacts.length + memberships.filter((membership) => membership.renewsOn !== null).length;
      await deps.slots.rebuild(profile.id, { timeZone: profile.timeZone, hour: profile.reminderHour }, count);
      profiles += 1;
      if (count > 0) slots += 1;
    }
  }
  return { profiles, slots };
}
