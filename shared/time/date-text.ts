/** "Tue 12 May 2026": a calendar date (`YYYY-MM-DD`) as people read it (en-GB), or the text as given when it is no date. */
export function dateText(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) return date;
  const parts: Record<string, string> = {};
  for (const part of format().formatToParts(ms)) parts[part.type] = part.value;
  return `${parts.weekday} ${Number(match[3])} ${parts.month} ${match[1]}`;
}

let cached: Intl.DateTimeFormat | null = null;
function format(): Intl.DateTimeFormat {
  cached ??= new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', month: 'short' });
  return cached;
}
