/**
 * DEDUPE#<title hash>#<place>#<slot>: the canonical event that claimed a (title, place, 30-minute slot).
 * A new event looks at its own slot and both neighbours, so any start within 30 minutes is found with
 * one BatchGetItem instead of a query per event.
 */
export const dedupeKey = (dedupeSlotId: string) => ({ pk: `DEDUPE#${dedupeSlotId}`, sk: 'DEDUPE' });
