import type { UserProfile } from '../users/user-profile.ts';

/** What the contact use cases need of the user: who, their zone (for "today") and reminder hour (for the slot). */
export type ContactOwner = Pick<UserProfile, 'id' | 'timeZone' | 'reminderHour'>;

/** Reads the owner afresh (a UserRepository fits). */
export interface ContactOwners {
  get(userId: string): Promise<ContactOwner | null>;
}
