/** A contact, under its user. */
export const contactKey = (userId: string, contactId: string) => ({
  pk: `USER#${userId}`,
  sk: `CONTACT#${contactId}`,
});
export const contactPrefix = 'CONTACT#';
/** A user's reminder slot item: present while they have contacts. */
export const reminderSlotKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'REMINDSLOT' });
/** gsi3 partition of the users whose reminders are due at a (zone, local hour). */
export const reminderSlotPk = (timeZone: string, hour: number) => `REMINDSLOT#${timeZone}#${hour}`;
/** The zones that have users with contacts, so the hourly dispatch knows which slots to look at. */
export const reminderZonesKey = { pk: 'REMINDZONES', sk: 'REMINDZONES' };
