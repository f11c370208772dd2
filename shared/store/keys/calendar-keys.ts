/** The user's calendar head: token nonce, current token hash, ETag and time of the last render (small: read per request). */
export const calendarKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'CALENDAR' });
/** The last rendered feed, gzip-compressed, with the ids of its events (large: read only on a cache miss). */
export const renderedFeedKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'CALFEED' });
/** Looks a feed token up by its SHA-256; only an index: the calendar head says which hash is current. */
export const calendarTokenKey = (tokenHash: string) => ({ pk: `CALTOKEN#${tokenHash}`, sk: 'CALTOKEN' });
