/**
 * `YYYY-MM-DDTHH:mm:ssZ` from epoch milliseconds, the form every stored instant takes. Written out
 * with integer arithmetic (civil-from-days, H. Hinnant) because it runs twice per event on every
 * ingest and is ~4× cheaper than `new Date(ms).toISOString()` plus slicing.
 */

const ZERO = 48;
const HYPHEN = 45;
const COLON = 58;
const LETTER_T = 84;
const LETTER_Z = 90;
const DAY_MS = 86_400_000;
/** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: outside them the year is not four digits. */
const MIN_MS = -62_167_219_200_000;
const MAX_MS = 253_402_300_800_000;

/** The instant as `YYYY-MM-DDTHH:mm:ssZ` (milliseconds dropped), or null outside years 0000–9999. */
export function formatUtcInstant(ms: number): string | null {
  if (!(ms >= MIN_MS && ms < MAX_MS)) return null;
  const days = Math.floor(ms / DAY_MS);
  const secondOfDay = Math.floor((ms - days * DAY_MS) / 1000);
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(secondOfDay / 3600);
  const minute = Math.floor((secondOfDay % 3600) / 60);
  const second = secondOfDay % 60;
  // One string of twenty characters, where a template of a dozen pieces built a rope of them.
  return String.fromCharCode(
    ZERO + Math.floor(year / 1000),
    ZERO + (Math.floor(year / 100) % 10),
    ZERO + (Math.floor(year / 10) % 10),
    ZERO + (year % 10),
    HYPHEN,
    ZERO + Math.floor(month / 10),
    ZERO + (month % 10),
    HYPHEN,
    ZERO + Math.floor(day / 10),
    ZERO + (day % 10),
    LETTER_T,
    ZERO + Math.floor(hour / 10),
    ZERO + (hour % 10),
    COLON,
    ZERO + Math.floor(minute / 10),
    ZERO + (minute % 10),
    COLON,
    ZERO + Math.floor(second / 10),
    ZERO + (second % 10),
    LETTER_Z,
  );
}
