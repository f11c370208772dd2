import type { LocalSettings } from '#shared/config/local-settings.ts';
import { formatEventTime } from '#shared/digest/format-event-time.ts';
import { followOrganization, unfollowOrganization } from '#shared/organizations/follow-organization.ts';
import { leaveOrganization, setMembership } from '#shared/organizations/membership-actions.ts';
import {
  MembershipChangedError,
  MembershipNotFoundError,
  MembershipOwnerNotFoundError,
  NotFollowingError,
} from '#shared/organizations/organization-errors.ts';
import { organizationKindLabels } from '#shared/organizations/rank-organizations.ts';
import { suggestOrganizations } from '#shared/organizations/suggest-organizations.ts';
import { createOrganizationDependencies } from '#shared/store/membership-dependencies.ts';
import { createProfileDependencies } from '#shared/store/profile-dependencies.ts';
import { UserChangedError, UserNotFoundError } from '#shared/store/user-repository.ts';
import { openStoreSession } from '../local/store-session.ts';
import { storeErrors } from './store-errors.ts';
import type { CommandModule } from './usage/command.ts';
import type { OrgsInput } from './usage/orgs.ts';

export const expectedErrors: CommandModule<OrgsInput>['expectedErrors'] = [
  ...storeErrors,
  UserNotFoundError,
  UserChangedError,
  MembershipNotFoundError,
  MembershipChangedError,
  MembershipOwnerNotFoundError,
  NotFollowingError,
];

/** `trellis orgs [follow|unfollow|member|leave] --user EMAIL …`: the same use cases as the page and the API. */
export async function run(input: OrgsInput, settings: LocalSettings): Promise<number> {
  const session = await openStoreSession(settings);
  try {
    const stores = createOrganizationDependencies(session.client, session.tableName);
    const profiles = createProfileDependencies(session.client, session.tableName);
    const profile = await stores.users.getByEmail(input.user);
    if (!profile) throw new UserNotFoundError(`no user ${input.user}`);
    const now = new Date();
    const write = (text: string) => process.stdout.write(`${text}\n`);
    switch (input.action) {
      case 'suggest': {
        const overview = await suggestOrganizations(stores, profile, now);
        if (input.json) {
          write(JSON.stringify(overview, null, 2));
          return 0;
        }
        if (overview.organizations.length === 0)
          write(
            `no organizations behind ${profile.email}'s matching events of the next ${overview.windowDays} days`,
          );
        for (const organization of overview.organizations) {
          const marks = [
            organizationKindLabels[organization.kind],
            organization.member
              ? `member${organization.renewsOn ? `, renews ${organization.renewsOn}` : ''}`
              : null,
            organization.followed ? 'followed' : null,
          ].filter(Boolean);
          write(`${organization.name} (${marks.join(', ')})`);
          if (organization.website) write(`  ${organization.website}`);
          for (const reason of organization.why) write(`  - ${reason}`);
          for (const event of organization.nextEvents)
            write(`  * ${formatEventTime(event, profile.timeZone)}  ${event.title}`);
        }
        const others = overview.memberships.filter(
          (membership) => !overview.organizations.some((one) => one.key === membership.organizationKey),
        );
        for (const membership of others)
          write(
            `${membership.organization} (member${membership.renewsOn ? `, renews ${membership.renewsOn}` : ''})`,
          );
        return 0;
      }
      case 'follow': {
        const { profile: updated, changed } = await followOrganization(profiles, profile, input.org, now);
        write(
          `${changed ? 'following' : 'already following'} ${input.org.trim()}; followed: ${updated.followedOrganizations.join(', ')}`,
        );
        return 0;
      }
      case 'unfollow': {
        await unfollowOrganization(profiles, profile, input.org, now);
        write(`no longer following ${input.org.trim()}`);
        return 0;
      }
      case 'member': {
        const { membership, created } = await setMembership(
          stores,
          profile,
          { organization: input.org, ...(input.renews === undefined ? {} : { renewsOn: input.renews }) },
          now,
        );
        write(
          `${created ? 'member of' : 'updated membership of'} ${membership.organization}${membership.renewsOn ? `; renews ${membership.renewsOn} (a reminder 30 days before)` : '; no renewal date'}`,
        );
        return 0;
      }
      case 'leave': {
        const left = await leaveOrganization(stores, profile.id, input.org);
        write(`no longer a member of ${left.organization}`);
        return 0;
      }
    }
  } finally {
    await session.close();
  }
}
