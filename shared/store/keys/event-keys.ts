/** EVENT#<id> / EVENT for the canonical event; gsi1 indexes it by the UTC day it starts (DAY#yyyy-mm-dd). */
export const eventKey = (eventId: string) => ({ pk: `EVENT#${eventId}`, sk: 'EVENT' });
export const eventDayPk = (day: string) => `DAY#${day}`;
export const eventDaySk = (start: string, eventId: string) => `${start}#${eventId}`;

const dayMs = 86_400_000;

/** The UTC days (yyyy-mm-dd) whose start-day partitions can hold a start in [from, to), oldest first. */
export function eventDaysBetween(from: Date, to: Date): string[] {
  const days: string[] = [];
  const firstDay = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  for (let day = firstDay; day < to.getTime(); day += dayMs) {
    days.push(new Date(day).toISOString().slice(0, 10));
  }
  return days;
}
