/**
 * A deterministic, realistic iCalendar feed for the ingest benchmark: the same options always give
 * the same bytes. The mix follows what public feeds look like: mostly TZID times with IANA names,
 * some zones only defined by the feed's VTIMEZONE blocks (Outlook's "Customized Time Zone"), Windows
 * zone names, UTC, all-day events, weekly and monthly series with EXDATEs and RECURRENCE-ID
 * overrides, DURATION instead of DTEND, long folded descriptions with escaped text.
 */
import { mulberry32 } from '../support/seeded-random.ts';

export interface ICalFeedOptions {
  /** How many VEVENT components to write (series overrides count as components). */
  readonly events: number;
  readonly seed?: number;
  /** Events start within the 120 days after this instant. */
  readonly start: Date;
}

const IANA_ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Europe/London',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Asia/Kolkata',
  'America/Sao_Paulo',
] as const;
const WINDOWS_ZONES = [
  'W. Europe Standard Time',
  'Pacific Standard Time',
  'India Standard Time',
  'AUS Eastern Standard Time',
] as const;
const CUSTOM_ZONES = ['Customized Time Zone', 'Customized Time Zone 1'] as const;
const CATEGORIES = ['Tech', 'Meetup', 'Mentoring', 'Conference', 'Workshop', 'Networking', 'Career'] as const;
const CITIES = [
  'Berlin',
  'München',
  'New York',
  'London',
  'Tokyo',
  'Sydney',
  'Bengaluru',
  'São Paulo',
] as const;
const WORDS = (
  'community talk session panel hands-on lunch keynote career mentoring growth leadership data cloud ' +
  'design product open-source security networking speakers agenda venue doors drinks questions'
).split(' ');

const DAY_MS = 86_400_000;
const SPREAD_DAYS = 120;

export function generateICalFeed(options: ICalFeedOptions): string {
  const random = mulberry32(options.seed ?? 1);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const startDay = Math.floor(options.start.getTime() / DAY_MS) * DAY_MS;
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Trellis//Benchmark feed//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:Benchmark events',
    'X-WR-TIMEZONE:Europe/Berlin',
    ...berlinRulesVTimezone('Europe/Berlin'),
    ...newYorkRulesVTimezone('America/New_York'),
    ...berlinRulesVTimezone('Customized Time Zone'),
    ...newYorkRulesVTimezone('Customized Time Zone 1'),
  ];

  let written = 0;
  let serial = 0;
  while (written < options.events) {
    serial++;
    const uid = `bench-${serial}-${Math.floor(random() * 1e9).toString(36)}@trellis.test`;
    const dayMs = startDay + Math.floor(random() * SPREAD_DAYS) * DAY_MS;
    const hour = 8 + Math.floor(random() * 12);
    const minute = pick([0, 0, 15, 30, 30, 45]);
    const lengthMinutes = pick([30, 60, 60, 90, 120, 180]);
    const wall = new Date(dayMs + (hour * 60 + minute) * 60_000);
    const end = new Date(wall.getTime() + lengthMinutes * 60_000);
    const useDuration = random() < 0.15;
    const kind = random();
    const body: string[] = [];

    if (kind < 0.9 || options.events - written < 4) {
      let startLine: string;
      let endLine: string;
      if (kind < 0.6) {
        const zone = pick(IANA_ZONES);
        startLine = `DTSTART;TZID=${zone}:${localStamp(wall)}`;
        endLine = `DTEND;TZID=${zone}:${localStamp(end)}`;
      } else if (kind < 0.7) {
        const zone = pick(CUSTOM_ZONES);
        startLine = `DTSTART;TZID=${zone}:${localStamp(wall)}`;
        endLine = `DTEND;TZID=${zone}:${localStamp(end)}`;
      } else if (kind < 0.75) {
        const zone = pick(WINDOWS_ZONES);
        startLine = `DTSTART;TZID="${zone}":${localStamp(wall)}`;
        endLine = `DTEND;TZID="${zone}":${localStamp(end)}`;
      } else if (kind < 0.85) {
        startLine = `DTSTART:${localStamp(wall)}Z`;
        endLine = `DTEND:${localStamp(end)}Z`;
      } else {
        const days = pick([1, 1, 1, 2, 3]);
        startLine = `DTSTART;VALUE=DATE:${dateStamp(new Date(dayMs))}`;
        endLine = useDuration
          ? `DURATION:P${days}D`
          : `DTEND;VALUE=DATE:${dateStamp(new Date(dayMs + days * DAY_MS))}`;
      }
      if (useDuration && kind < 0.85) endLine = `DURATION:${durationText(lengthMinutes)}`;
      body.push(startLine, endLine);
      lines.push(...vevent(uid, body, random, pick));
      written++;
      continue;
    }

    // A series: weekly or monthly, in Berlin or New York, some with EXDATEs and overrides.
    const zone = pick(['Europe/Berlin', 'America/New_York'] as const);
    const weekly = random() < 0.7;
    const seriesStart = new Date(dayMs - Math.floor(random() * 60) * DAY_MS + (hour * 60 + minute) * 60_000);
    const stepDays = weekly ? 7 : 28;
    body.push(
      `DTSTART;TZID=${zone}:${localStamp(seriesStart)}`,
      useDuration
        ? `DURATION:${durationText(lengthMinutes)}`
        : `DTEND;TZID=${zone}:${localStamp(new Date(seriesStart.getTime() + lengthMinutes * 60_000))}`,
      weekly
        ? `RRULE:FREQ=WEEKLY;BYDAY=${weekdayCode(seriesStart)};UNTIL=${localStamp(new Date(startDay + 200 * DAY_MS))}Z`
        : `RRULE:FREQ=MONTHLY;BYDAY=${pick(['1', '2', '3', '-1'])}${weekdayCode(seriesStart)};COUNT=12`,
    );
    const occurrence = (n: number): Date => new Date(seriesStart.getTime() + n * stepDays * DAY_MS);
    if (weekly && random() < 0.5) {
      body.push(`EXDATE;TZID=${zone}:${localStamp(occurrence(3))},${localStamp(occurrence(5))}`);
    }
    lines.push(...vevent(uid, body, random, pick));
    written++;
    const overrides = weekly && random() < 0.5 ? Math.min(2, options.events - written) : 0;
    for (let n = 1; n <= overrides; n++) {
      const original = occurrence(n * 2);
      const moved = new Date(original.getTime() + (n === 1 ? 2 * 3_600_000 : DAY_MS));
      const overrideBody = [
        `RECURRENCE-ID;TZID=${zone}:${localStamp(original)}`,
        `DTSTART;TZID=${zone}:${localStamp(moved)}`,
        `DTEND;TZID=${zone}:${localStamp(new Date(moved.getTime() + lengthMinutes * 60_000))}`,
      ];
      if (n === 2) overrideBody.push('STATUS:CANCELLED');
      lines.push(...vevent(uid, overrideBody, random, pick));
      written++;
    }
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

function vevent(
  uid: string,
  timeLines: string[],
  random: () => number,
  pick: <T>(values: readonly T[]) => T,
): string[] {
  const city = pick(CITIES);
  const title = `${capitalize(pick(WORDS))} ${pick(WORDS)} ${pick(WORDS)} in ${city}`;
  const sentences: string[] = [];
  const sentenceCount = 3 + Math.floor(random() * 5);
  for (let i = 0; i < sentenceCount; i++) {
    const words: string[] = [];
    for (let w = 0; w < 6 + Math.floor(random() * 10); w++) words.push(pick(WORDS));
    sentences.push(`${capitalize(words.join(', '))}.`);
  }
  const lines = [
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20260101T000000Z',
    ...timeLines,
    `SUMMARY:${escapeText(title)}`,
    `DESCRIPTION:${escapeText(sentences.join('\n'))}`,
    `LOCATION:${escapeText(`Community Hall, Main Street ${1 + Math.floor(random() * 200)}, ${city}`)}`,
    `URL:https://events.example.org/e/${uid.slice(0, uid.indexOf('@'))}`,
    `CATEGORIES:${pick(CATEGORIES)},${pick(CATEGORIES)}`,
  ];
  if (random() < 0.3) lines.push('ORGANIZER;CN=Trellis Community:mailto:events@example.org');
  if (random() < 0.2) lines.push(`X-GOOGLE-CONFERENCE:https://meet.google.com/abc-${uid.slice(6, 10)}-xyz`);
  if (random() < 0.1) lines.push('STATUS:TENTATIVE');
  lines.push('END:VEVENT');
  return lines;
}

function berlinRulesVTimezone(tzid: string): string[] {
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${tzid}`,
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'TZNAME:CEST',
    'DTSTART:19700329T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'TZNAME:CET',
    'DTSTART:19701025T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
  ];
}

function newYorkRulesVTimezone(tzid: string): string[] {
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${tzid}`,
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:-0500',
    'TZOFFSETTO:-0400',
    'TZNAME:EDT',
    'DTSTART:20070311T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:-0400',
    'TZOFFSETTO:-0500',
    'TZNAME:EST',
    'DTSTART:20071104T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
  ];
}

/** The UTC fields of `date` written as an iCalendar local date-time (the generator works in "wall UTC"). */
function localStamp(date: Date): string {
  return date.toISOString().slice(0, 19).replace(/[-:]/g, '');
}

function dateStamp(date: Date): string {
  return date.toISOString().slice(0, 10).replace(/-/g, '');
}

function durationText(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `PT${hours ? `${hours}H` : ''}${rest ? `${rest}M` : ''}`;
}

function weekdayCode(date: Date): string {
  return ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][date.getUTCDay()] as string;
}

function escapeText(text: string): string {
  return text.replace(/[\\;,\n]/g, (char) => (char === '\n' ? '\\n' : `\\${char}`));
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** RFC 5545 folding at 75 octets (counted as UTF-16 units; the text is almost all ASCII, never split mid-pair). */
function fold(line: string): string {
  if (line.length <= 75) return line;
  const parts = [line.slice(0, 75)];
  for (let at = 75; at < line.length; at += 74) parts.push(` ${line.slice(at, at + 74)}`);
  return parts.join('\r\n');
}
