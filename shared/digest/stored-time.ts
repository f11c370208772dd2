/** A stored time value read back: a calendar date (all-day) or an instant. */
export type StoredTime =
  | { readonly kind: 'date'; readonly year: number; readonly month: number; readonly day: number }
  | { readonly kind: 'instant'; readonly ms: number };

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** `YYYY-MM-DD` or an ISO instant with its offset (stored ones end in Z); null for anything else. */
export function readStoredTime(value: string): StoredTime | null {
  const date = DATE_ONLY.exec(value);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const check = new Date(Date.UTC(year, month - 1, day));
    return check.getUTCMonth() === month - 1 && check.getUTCDate() === day
      ? { kind: 'date', year, month, day }
      : null;
  }
  if (!INSTANT.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : { kind: 'instant', ms };
}
