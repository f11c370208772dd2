/** A reader's membership of an organization, under the reader, by the organization's normalized name. */
export const membershipKey = (userId: string, organizationKey: string) => ({
  pk: `USER#${userId}`,
  sk: `MEMBERSHIP#${organizationKey}`,
});
export const membershipPrefix = 'MEMBERSHIP#';
