/** The user's calendar: token nonce, current token hash and the last rendered feed (one item, so rotation is atomic). */
export const calendarKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'CALENDAR' });
/** Looks a feed token up by its SHA-256; only an index: the calendar item says which hash is current. */
export const calendarTokenKey = (tokenHash: string) => ({ pk: `CALTOKEN#${tokenHash}`, sk: 'CALTOKEN' });
