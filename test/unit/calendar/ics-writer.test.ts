import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { CalendarEntry } from '../../../shared/calendar/calendar-entry.ts';
import {
  durationOf,
  escapeParameter,
  escapeText,
  foldLines,
  writeCalendar,
} from '../../../shared/calendar/ics-writer.ts';
import { type CalendarFeedInput, renderCalendarFeed } from '../../../shared/calendar/render-calendar-feed.ts';
import { type InviteInput, renderInvite } from '../../../shared/calendar/render-invite.ts';

/**
 * Feeds and invitations written by ical-generator 11.1 before shared/calendar/ics-writer.ts replaced it: the
 * writer must give the same text, byte for byte (so the feeds' ETags did not change with it).
 */
type Fixture =
  | {
      readonly name: string;
      readonly kind: 'feed';
      readonly input: Omit<CalendarFeedInput, 'now'> & { readonly now: string };
      readonly ics: string;
    }
  | {
      readonly name: string;
      readonly kind: 'invite';
      readonly input: Omit<InviteInput, 'now'> & { readonly now: string; readonly entry: CalendarEntry };
      readonly ics: string;
    };
const fixtures: Fixture[] = JSON.parse(
  readFileSync(new URL('./ics-fixtures.json', import.meta.url), 'utf8'),
) as Fixture[];

describe('the calendar writer writes what ical-generator wrote', () => {
  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
    const now = new Date(fixture.input.now);
    const ics =
      fixture.kind === 'feed'
        ? renderCalendarFeed({ ...fixture.input, now })
        : renderInvite({ ...fixture.input, now });
    expect(ics).toBe(fixture.ics);
    // …and what it writes is iCalendar that a parser reads back.
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getAllSubcomponents('vevent').length).toBeGreaterThan(0);
  });
});

describe('iCalendar text', () => {
  it('escapes TEXT values and parameter values', () => {
    expect(escapeText('a,b;c\\d\ne\r\nf')).toBe('a\\,b\\;c\\\\d\\ne\\nf');
    expect(escapeParameter('say "hi"^\nthere')).toBe("say ^'hi^'^^^nthere");
  });

  it('folds lines at 74 octets, never inside a character', () => {
    const folded = foldLines(`SUMMARY:${'é'.repeat(50)}😀${'x'.repeat(80)}`);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'é'.repeat(50)}😀${'x'.repeat(80)}`);
  });

  it('writes durations', () => {
    expect(durationOf(21_600)).toBe('PT6H');
    expect(durationOf(86_400 + 1800)).toBe('P1DT30M');
    expect(durationOf(86_400)).toBe('P1D');
    expect(durationOf(61)).toBe('PT1M1S');
  });

  it('writes times in the event zone with its TZID, UTC with Z, swaps an end before the start', () => {
    const ics = writeCalendar({
      prodId: '//Trellis//Test//EN',
      vtimezone: () => null,
      events: [
        {
          uid: 'a@trellis',
          stamp: new Date('2026-01-01T00:00:00Z'),
          start: '2026-07-01T17:00:00Z',
          end: '2026-07-01T16:00:00Z',
          allDay: false,
          timeZone: 'Europe/Berlin',
          summary: 'Zoned',
        },
        {
          uid: 'b@trellis',
          stamp: new Date('2026-01-01T00:00:00Z'),
          start: '2026-07-01T17:00:00Z',
          end: null,
          allDay: false,
          timeZone: 'UTC',
          summary: 'UTC',
        },
      ],
    });
    expect(ics).toContain(
      'DTSTART;TZID=Europe/Berlin:20260701T180000\r\nDTEND;TZID=Europe/Berlin:20260701T190000\r\n',
    );
    expect(ics).toContain('DTSTART:20260701T170000Z\r\nSUMMARY:UTC\r\n');
    expect(ics.endsWith('END:VCALENDAR')).toBe(true);
  });

  it('refuses a date-time it cannot read and a zone the runtime does not know', () => {
    const event = {
      uid: 'a@trellis',
      stamp: new Date('2026-01-01T00:00:00Z'),
      end: null,
      allDay: false,
      summary: 'x',
    };
    expect(() =>
      writeCalendar({
        prodId: '//T//T//EN',
        vtimezone: () => null,
        events: [{ ...event, start: 'soon', timeZone: null }],
      }),
    ).toThrow(RangeError);
    expect(() =>
      writeCalendar({
        prodId: '//T//T//EN',
        vtimezone: () => null,
        events: [{ ...event, start: '2026-01-01T10:00:00Z', timeZone: 'Mars/Olympus_Mons' }],
      }),
    ).toThrow(RangeError);
  });
});
