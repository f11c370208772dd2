import { createHash } from 'node:crypto';

/** USER#<id> holds the profile and the user's send ledger; EMAIL#<email> makes addresses unique. */
export const userProfileKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'PROFILE' });
export const userEmailKey = (email: string) => ({ pk: `EMAIL#${email}`, sk: 'EMAIL' });
/** The user id in a user's table key (`USER#<id>`): all a KEYS_ONLY index hands back; null for other keys. */
export const userIdOfUserPk = (pk: string) => (pk.startsWith('USER#') ? pk.slice('USER#'.length) : null);
/** gsi3 (KEYS_ONLY): users whose digest is due at a (zone, weekday, hour); only users who get digests. */
export const digestSlotPk = (timeZone: string, weekday: string, hour: number) =>
  `DIGESTSLOT#${timeZone}#${weekday}#${hour}`;
/**
 * gsi2: every user, by email, for listing, spread over a few partitions so that profile writes do not
 * all land on one index partition. A listing queries every shard (in parallel) and merges.
 */
export const userListShards = 8;
export const usersByEmailPk = (userId: string) =>
  `USERS#${createHash('sha256').update(userId).digest().readUInt8(0) % userListShards}`;
export const usersByEmailShardPks = Array.from({ length: userListShards }, (_, shard) => `USERS#${shard}`);
/** The zones that have digest subscribers, so the hourly dispatch knows which slots to look at. */
export const digestZonesKey = { pk: 'DIGESTZONES', sk: 'DIGESTZONES' };
