/** An event a user saved, with the invitation state, under the user. */
export const savedEventKey = (userId: string, eventId: string) => ({
  pk: `USER#${userId}`,
  sk: `SAVED#${eventId}`,
});
export const savedEventPrefix = 'SAVED#';
/** Who saved an event, under the event: ingestion finds the attendees to update from here. */
export const eventSaverKey = (eventId: string, userId: string) => ({
  pk: `EVENT#${eventId}`,
  sk: `SAVER#${userId}`,
});
export const eventSaverPrefix = 'SAVER#';
