import { organizationKeyOf } from '../matching/place-keys.ts';
import type { MembershipRepository } from '../store/membership-repository.ts';
import type { ReminderSlots } from '../store/reminder-slots.ts';
import type { UserProfile } from '../users/user-profile.ts';
import * as z from '../validation/zod.ts';
import { validationError } from '../validation/zod.ts';
import {
  type Membership,
  type MembershipInput,
  membershipInputSchema,
  organizationNameSchema,
} from './membership.ts';
import {
  MembershipNotFoundError,
  MembershipOwnerNotFoundError,
  MembershipScheduleChangedError,
} from './organization-errors.ts';

/** Who the membership belongs to: their id, and the zone and hour a renewal reminder is sent at. */
export type MembershipOwner = Pick<UserProfile, 'id' | 'timeZone' | 'reminderHour'>;

export interface MembershipDependencies {
  readonly memberships: MembershipRepository;
  /** Reads the owner afresh when their schedule changed under a renewal date (a UserRepository fits). */
  readonly users: { get(userId: string): Promise<MembershipOwner | null> };
  readonly slots: Pick<ReminderSlots, 'dropIfEmpty'>;
}

export interface MembershipOutcome {
  readonly membership: Membership;
  /** False when it was a membership already (the renewal date may have changed). */
  readonly created: boolean;
}

/** A zone change racing the write is retried with the new zone; one that keeps changing gives up. */
const attempts = 3;

const organizationKeyFor = (organization: string) => {
  const key = organizationKeyOf(organization);
  if (key === '')
    throw validationError([
      {
        code: 'custom',
        path: ['organization'],
        message: 'must contain a letter or a digit',
        input: organization,
      },
    ]);
  return key;
};

/**
 * "I'm a member" (page, JSON API, CLI): validated (ZodError per field), then the membership in one
 * transaction with the reminder slot's count when a renewal date comes or goes, on condition that
 * the owner's zone and reminder hour are still the ones read (else read again and retried) and that
 * the membership is still as read (MembershipChangedError). Setting it again changes the renewal date;
 * the spelling of the organization stays the first one.
 */
export async function setMembership(
  deps: MembershipDependencies,
  owner: MembershipOwner,
  input: MembershipInput,
  now: Date,
): Promise<MembershipOutcome> {
  const { organization, renewsOn } = membershipInputSchema.parse(input);
  const organizationKey = organizationKeyFor(organization);
  let schedule = { timeZone: owner.timeZone, hour: owner.reminderHour };
  for (let attempt = 1; ; attempt += 1) {
    const previous = await deps.memberships.get(owner.id, organizationKey);
    const membership: Membership = {
      userId: owner.id,
      organizationKey,
      organization: previous?.organization ?? organization,
      renewsOn,
      // A new date is announced again; the same date keeps what was announced.
      renewalRemindedFor: previous?.renewsOn === renewsOn ? previous.renewalRemindedFor : null,
      createdAt: previous?.createdAt ?? now.toISOString(),
      updatedAt: laterThan(previous?.updatedAt, now),
    };
    try {
      await deps.memberships.put(membership, previous, schedule);
    } catch (error) {
      if (!(error instanceof MembershipScheduleChangedError) || attempt >= attempts) throw error;
      const fresh = await deps.users.get(owner.id);
      if (!fresh) throw new MembershipOwnerNotFoundError(`no user ${owner.id}`);
      schedule = { timeZone: fresh.timeZone, hour: fresh.reminderHour };
      continue;
    }
    if (previous?.renewsOn != null && renewsOn === null) await deps.slots.dropIfEmpty(owner.id);
    return { membership, created: previous === null };
  }
}

/**
 * "I'm no longer a member" (page, JSON API, CLI): the membership goes, and with a renewal date the
 * reminder slot counts one fewer, in one transaction; a slot left counting nothing is then deleted.
 * MembershipNotFoundError when the reader is not a member.
 */
export async function leaveOrganization(
  deps: MembershipDependencies,
  userId: string,
  organization: string,
): Promise<Membership> {
  const name = z.object({ organization: organizationNameSchema }).parse({ organization }).organization;
  const previous = await deps.memberships.get(userId, organizationKeyFor(name));
  if (!previous) throw new MembershipNotFoundError(`not a member of ${name}`);
  await deps.memberships.remove(previous);
  if (previous.renewsOn !== null) await deps.slots.dropIfEmpty(userId);
  return previous;
}

/** `updatedAt` is the optimistic check: a write in the same millisecond as the last still moves it on. */
function laterThan(previous: string | undefined, now: Date): string {
  const at = now.toISOString();
  if (previous === undefined || at > previous) return at;
  return new Date(Date.parse(previous) + 1).toISOString();
}
