import { addDays } from '../contacts/next-due-date.ts';
import * as z from '../validation/zod.ts';
import { lazySchema } from '../validation/zod.ts';

/**
 * "I'm a member": a reader's membership of an organization, keyed by the organization's normalized
 * name (the key the matcher follows organizations by), with an optional renewal date. A renewal date
 * brings one line in the daily reminder mail from 30 days before it.
 */
export interface Membership {
  readonly userId: string;
  /** organizationKeyOf(organization): "CNCF Berlin" and "cncf-berlin" are one membership. */
  readonly organizationKey: string;
  /** As the reader (or the feed) spelled it. */
  readonly organization: string;
  /** The reader's local date `YYYY-MM-DD`, or null when they did not say. */
  readonly renewsOn: string | null;
  /** The renewal date the reminder mail last announced (so each renewal is announced once). */
  readonly renewalRemindedFor: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The renewal line appears in the reminder mail from this many days before the date. */
export const renewalReminderLeadDays = 30;

const isCalendarDate = (value: string) => {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

export const organizationNameSchema = lazySchema(() =>
  z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(120)),
);

export const renewalDateSchema = lazySchema(() =>
  z
    .string()
    .check(
      z.trim(),
      z.regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD', abort: true }),
      z.refine(isCalendarDate, 'must be a real calendar date'),
    ),
);

/** What "I'm a member" takes: the organization, and a renewal date or none ('' or null clears it). */
export const membershipInputSchema = lazySchema(() =>
  z.object({
    organization: organizationNameSchema,
    renewsOn: z.pipe(
      z.optional(
        z.pipe(
          z.transform((value) => (typeof value === 'string' && value.trim() === '' ? null : value)),
          z.nullish(renewalDateSchema),
        ),
      ),
      z.transform((value) => value ?? null),
    ),
  }),
);

export type MembershipInput = z.input<typeof membershipInputSchema>;

export interface DueRenewal {
  readonly organizationKey: string;
  readonly organization: string;
  readonly renewsOn: string;
}

/**
 * The renewals the reminder mail of `today` announces, soonest first: a renewal date within the next
 * 30 days (today included) that no reminder announced yet. A missed day (no reminder hour came, a
 * failed send) is made up the next day, until the date itself.
 */
export function renewalsToRemind(memberships: readonly Membership[], today: string): DueRenewal[] {
  return memberships
    .flatMap((membership) => {
      const { renewsOn } = membership;
      if (renewsOn === null || membership.renewalRemindedFor === renewsOn) return [];
      if (today > renewsOn || today < addDays(renewsOn, -renewalReminderLeadDays)) return [];
      return [
        { organizationKey: membership.organizationKey, organization: membership.organization, renewsOn },
      ];
    })
    .sort((a, b) => a.renewsOn.localeCompare(b.renewsOn) || a.organization.localeCompare(b.organization));
}
