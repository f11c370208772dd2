/** EVENT#<id> / EVENT for the canonical event; gsi1 indexes it by the UTC day it starts (DAY#yyyy-mm-dd). */
export const eventKey = (eventId: string) => ({ pk: `EVENT#${eventId}`, sk: 'EVENT' });
export const eventDayPk = (day: string) => `DAY#${day}`;
export const eventDaySk = (start: string, eventId: string) => `${start}#${eventId}`;
/** gsi2 holds events with a call for speakers by the month and day it closes (CFPCLOSE#yyyy-mm). */
export const callsClosingPk = (closesOn: string) => `CFPCLOSE#${closesOn.slice(0, 7)}`;
export const callsClosingSk = (closesOn: string, eventId: string) => `${closesOn}#${eventId}`;

/** The months (yyyy-mm) from the one of `from` to the one of `to`, both `YYYY-MM-DD`. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) break;
    months.push(key);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

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
