/** EVENT#<id> / EVENT for the canonical event; gsi1 indexes it by the UTC day it starts (DAY#yyyy-mm-dd). */
export const eventKey = (eventId: string) => ({ pk: `EVENT#${eventId}`, sk: 'EVENT' });
export const eventDayPk = (day: string) => `DAY#${day}`;
export const eventDaySk = (start: string, eventId: string) => `${start}#${eventId}`;
