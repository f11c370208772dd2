import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { CalendarEntry } from '../../../shared/calendar/calendar-entry.ts';
import { renderCalendarFeed } from '../../../shared/calendar/render-calendar-feed.ts';
import { storedEvent } from './calendar-fixtures.ts';

const now = new Date('2026-02-20T12:00:00Z');

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar;
}

function entry(overrides: Partial<CalendarEntry> = {}): CalendarEntry {
  return {
    event: storedEvent(),
    note: 'Why it is here: matches kubernetes',
    sequence: 0,
    status: 'confirmed',
    ...overrides,
  };
}

describe('renderCalendarFeed', () => {
  it('writes a subscribable calendar: name, refresh hints, a VTIMEZONE per zone, no METHOD', () => {
    const text = renderCalendarFeed({ name: 'Trellis · Ana', entries: [entry()], now, refreshMinutes: 360 });
    const calendar = parse(text);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Trellis · Ana');
    expect(text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n');
    expect(text).toContain('X-PUBLISHED-TTL:PT6H\r\n');
    expect(calendar.getFirstPropertyValue('method')).toBeNull();
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Trellis//Trellis calendar//EN');
    expect(
      calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid')),
    ).toEqual(['Europe/Berlin']);
  });

  it('gives each event a stable UID, its sequence, stamps, URL, location and why it matched', () => {
    const text = renderCalendarFeed({
      name: 'Trellis',
      entries: [entry({ sequence: 3 })],
      now,
      refreshMinutes: 360,
    });
    const vevent = parse(text).getFirstSubcomponent('vevent') as ICAL.Component;
    const event = new ICAL.Event(vevent);
    expect(event.uid).toBe('evt_0123456789abcdef0123@trellis');
    expect(event.sequence).toBe(3);
    expect(event.summary).toBe('Kubernetes Berlin Meetup');
    expect(event.location).toBe('c-base, Rungestraße 20, Berlin');
    expect(event.description).toBe(
      'Why it is here: matches kubernetes\n\nLightning talks on operators.\n\nDetails: https://example.org/k8s',
    );
    expect(vevent.getFirstPropertyValue('url')).toBe('https://example.org/k8s');
    expect(String(vevent.getFirstPropertyValue('dtstamp'))).toBe('2026-02-10T10:00:00Z');
    expect(String(vevent.getFirstPropertyValue('last-modified'))).toBe('2026-02-10T10:00:00Z');
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(text).toContain('DTSTART;TZID=Europe/Berlin:20260303T190000\r\n');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-03T18:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-03-03T20:00:00.000Z');
  });

  it('keeps local times right on both sides of a DST change', () => {
    const before = storedEvent({ id: 'evt_aaaaaaaaaaaaaaaaaaaa', start: '2026-03-28T09:00:00Z', end: null });
    const after = storedEvent({ id: 'evt_bbbbbbbbbbbbbbbbbbbb', start: '2026-03-30T08:00:00Z', end: null });
    const text = renderCalendarFeed({
      name: 'Trellis',
      entries: [entry({ event: before }), entry({ event: after })],
      now,
      refreshMinutes: 360,
    });
    expect(text).toContain('DTSTART;TZID=Europe/Berlin:20260328T100000\r\n');
    expect(text).toContain('DTSTART;TZID=Europe/Berlin:20260330T100000\r\n');
    const starts = parse(text)
      .getAllSubcomponents('vevent')
      .map((vevent) => new ICAL.Event(vevent).startDate.toJSDate().toISOString());
    expect(starts).toEqual(['2026-03-28T09:00:00.000Z', '2026-03-30T08:00:00.000Z']);
  });

  it('writes all-day events as dates with an exclusive end, and UTC events without a zone', () => {
    const allDay = storedEvent({ allDay: true, start: '2026-04-01', end: '2026-04-03', timeZone: null });
    const utc = storedEvent({ id: 'evt_cccccccccccccccccccc', timeZone: null, end: null });
    const text = renderCalendarFeed({
      name: 'Trellis',
      entries: [entry({ event: allDay }), entry({ event: utc })],
      now,
      refreshMinutes: 360,
    });
    expect(text).toContain('DTSTART;VALUE=DATE:20260401\r\nDTEND;VALUE=DATE:20260403\r\n');
    expect(text).toContain('DTSTART:20260303T180000Z\r\nDTEND:20260303T190000Z\r\n');
    expect(text).not.toContain('BEGIN:VTIMEZONE');
  });

  it('marks cancelled events STATUS:CANCELLED', () => {
    const text = renderCalendarFeed({
      name: 'Trellis',
      entries: [entry({ status: 'cancelled' })],
      now,
      refreshMinutes: 60,
    });
    expect(parse(text).getFirstSubcomponent('vevent')?.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('escapes hostile feed text so it cannot add properties or components', () => {
    const hostile = storedEvent({
      title: 'Meetup\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Injected; x, y',
      location: 'Room 1\nATTENDEE:mailto:evil@example.org',
      description: 'a\\b',
    });
    const text = renderCalendarFeed({
      name: 'Ana\r\nX-EVIL:1',
      entries: [entry({ event: hostile })],
      now,
      refreshMinutes: 60,
    });
    const calendar = parse(text);
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(1);
    expect(calendar.getFirstPropertyValue('x-evil')).toBeNull();
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Ana X-EVIL:1');
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent') as ICAL.Component);
    expect(event.summary).toBe('Meetup\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:Injected; x, y');
    expect(event.location).toBe('Room 1\nATTENDEE:mailto:evil@example.org');
    expect(event.attendees).toEqual([]);
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
  });
});
