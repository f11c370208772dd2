/** USER#<id> holds the profile and the user's send ledger; EMAIL#<email> makes addresses unique. */
export const userProfileKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'PROFILE' });
export const userEmailKey = (email: string) => ({ pk: `EMAIL#${email}`, sk: 'EMAIL' });
/** gsi1: users whose digest is due at a (zone, weekday, hour); only users who get digests are in it. */
export const digestSlotPk = (timeZone: string, weekday: string, hour: number) =>
  `DIGESTSLOT#${timeZone}#${weekday}#${hour}`;
/** gsi2: every user, by email, for listing. */
export const usersByEmailPk = 'USERS';
/** The zones that have digest subscribers, so the hourly dispatch knows which slots to look at. */
export const digestZonesKey = { pk: 'DIGESTZONES', sk: 'DIGESTZONES' };
