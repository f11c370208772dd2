/** A calendar date or an instant as the reader sees it, in English (the digest's language). */
export interface ZonedDateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** "Tue" */
  readonly weekday: string;
  /** "Dec" */
  readonly monthName: string;
  /** "19:05" (24-hour clock) */
  readonly time: string;
  /** "CET", "EST", or an offset such as "GMT+5:30" where English has no common abbreviation. */
  readonly zoneLabel: string;
}

interface ZoneFormatters {
  readonly fields: Intl.DateTimeFormat;
  /** British names first (CET, BST), then American ones (EST, PDT); both give "GMT+1" when they have none. */
  readonly zoneNames: readonly Intl.DateTimeFormat[];
}

const formattersByZone = new Map<string, ZoneFormatters>();
const GMT_OFFSET = /^GMT[+-]/;

/** The zone itself when Intl knows it, UTC otherwise (a bad profile value must not stop a digest). */
export function knownTimeZone(timeZone: string): string {
  try {
    formattersFor(timeZone);
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** Local fields of an instant in a zone (the zone must be one knownTimeZone accepts). */
export function zonedDateParts(utcMs: number, timeZone: string): ZonedDateParts {
  const formatters = formattersFor(timeZone);
  const fields = fieldsOf(formatters.fields, utcMs);
  const labels = formatters.zoneNames.map(
    (format) => format.formatToParts(utcMs).find((part) => part.type === 'timeZoneName')?.value ?? '',
  );
  return { ...fields, zoneLabel: labels.find((label) => !GMT_OFFSET.test(label)) ?? labels[0] ?? 'UTC' };
}

/** Fields of a calendar date (an all-day event's day), which has no zone. */
export function calendarDateParts(year: number, month: number, day: number): ZonedDateParts {
  return { ...fieldsOf(formattersFor('UTC').fields, Date.UTC(year, month - 1, day)), zoneLabel: '' };
}

function fieldsOf(format: Intl.DateTimeFormat, utcMs: number): Omit<ZonedDateParts, 'zoneLabel'> {
  const parts = new Map(format.formatToParts(utcMs).map((part) => [part.type, part.value]));
  const utcDay = new Date(
    Date.UTC(Number(parts.get('year')), Number(parts.get('month')) - 1, Number(parts.get('day'))),
  );
  return {
    year: Number(parts.get('year')),
    month: Number(parts.get('month')),
    day: Number(parts.get('day')),
    weekday: WEEKDAYS[utcDay.getUTCDay()] ?? '',
    monthName: MONTHS[utcDay.getUTCMonth()] ?? '',
    time: `${parts.get('hour')}:${parts.get('minute')}`,
  };
}

// Fixed English names: CLDR's en-GB now abbreviates September as "Sept", and the digest is English.
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function formattersFor(timeZone: string): ZoneFormatters {
  const known = formattersByZone.get(timeZone);
  if (known) return known;
  const formatters: ZoneFormatters = {
    fields: new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }),
    zoneNames: ['en-GB', 'en-US'].map(
      (locale) => new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }),
    ),
  };
  formattersByZone.set(timeZone, formatters);
  return formatters;
}
