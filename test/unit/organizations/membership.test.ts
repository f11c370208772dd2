import { describe, expect, it } from 'vitest';
import {
  type Membership,
  membershipInputSchema,
  renewalsToRemind,
} from '../../../shared/organizations/membership.ts';
import { isValidationError } from '../../../shared/validation/zod.ts';

const membership = (fields: Partial<Membership>): Membership => ({
  userId: 'usr_1',
  organizationKey: 'women in engineering network',
  organization: 'Women in Engineering Network',
  renewsOn: null,
  renewalRemindedFor: null,
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
  ...fields,
});

describe('membership input', () => {
  it('takes a renewal date as YYYY-MM-DD, and an empty one as none', () => {
    expect(membershipInputSchema.parse({ organization: ' CNCF Berlin ', renewsOn: '2030-02-28' })).toEqual({
      organization: 'CNCF Berlin',
      renewsOn: '2030-02-28',
    });
    expect(membershipInputSchema.parse({ organization: 'CNCF Berlin', renewsOn: '' }).renewsOn).toBeNull();
    expect(membershipInputSchema.parse({ organization: 'CNCF Berlin' }).renewsOn).toBeNull();
  });

  it('refuses a date that is not on the calendar, and names the field', () => {
    for (const renewsOn of ['2030-02-30', '30.1.2030', '2030-13-01']) {
      const result = membershipInputSchema.safeParse({ organization: 'CNCF Berlin', renewsOn });
      expect(result.success).toBe(false);
      expect(isValidationError(result.error)).toBe(true);
      expect(result.error?.issues.map((issue) => issue.path)).toEqual([['renewsOn']]);
    }
    expect(membershipInputSchema.safeParse({ organization: '  ' }).error?.issues[0]?.path).toEqual([
      'organization',
    ]);
  });
});

describe('renewal reminders', () => {
  it('announces a renewal from 30 days before the date until the date, once per date', () => {
    const renewing = membership({ renewsOn: '2030-06-30' });
    expect(renewalsToRemind([renewing], '2030-05-30')).toEqual([]);
    expect(renewalsToRemind([renewing], '2030-05-31')).toEqual([
      {
        organizationKey: 'women in engineering network',
        organization: 'Women in Engineering Network',
        renewsOn: '2030-06-30',
      },
    ]);
    expect(renewalsToRemind([renewing], '2030-06-30')).toHaveLength(1);
    expect(renewalsToRemind([renewing], '2030-07-01')).toEqual([]);
    expect(renewalsToRemind([{ ...renewing, renewalRemindedFor: '2030-06-30' }], '2030-06-01')).toEqual([]);
  });

  it('announces a new date again, soonest first, and never a membership without one', () => {
    const moved = membership({ renewsOn: '2031-06-30', renewalRemindedFor: '2030-06-30' });
    const other = membership({
      organizationKey: 'cncf berlin',
      organization: 'CNCF Berlin',
      renewsOn: '2031-06-10',
    });
    const none = membership({ organizationKey: 'x', organization: 'X' });
    expect(renewalsToRemind([moved, other, none], '2031-06-05').map((one) => one.organization)).toEqual([
      'CNCF Berlin',
      'Women in Engineering Network',
    ]);
  });
});
