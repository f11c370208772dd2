import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../shared/feeds/parse-feed.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url));
const window = { fromMs: Date.UTC(2026, 0, 1), toMs: Date.UTC(2027, 0, 1) };

/** One schema.org node as a bare JSON-LD document. */
function parseNode(node: Record<string, unknown>, defaultTimeZone: string | null = null) {
  const json = JSON.stringify({ '@context': 'https://schema.org', ...node });
  return parseFeed(json, { window, defaultTimeZone });
}

describe('JSON-LD in an HTML page', () => {
  const feed = parseFeed(fixture('json-ld-page.html'), { contentType: 'text/html; charset=utf-8', window });

  it('reads the good script block and reports the malformed one', () => {
    expect(feed.format).toBe('json-ld');
    expect(feed.title).toBe('Conferences & Trainings');
    expect(feed.events.map((event) => event.title)).toEqual([
      'FinTech Forum 2026',
      'Intro to Data Engineering (training)',
    ]);
    expect(feed.problems).toEqual([
      {
        entry: null,
        message:
          'JSON-LD block 2 is not valid JSON: Expected double-quoted property name in JSON at position 108 (line 2 column 108)',
      },
    ]);
  });

  it('reads a BusinessEvent in @graph: referenced Place with PostalAddress and Country, organizers, keywords', () => {
    expect(feed.events[0]).toEqual({
      id: '0941d39ffc20d6eb0db99e1e',
      uid: 'https://conf.example.com/events/fintech-forum',
      recurrenceId: null,
      title: 'FinTech Forum 2026',
      description: 'Payments, banking & regulation.',
      start: '2026-11-04T08:00:00Z',
      end: '2026-11-04T17:00:00Z',
      allDay: false,
      timeZone: null,
      status: 'confirmed',
      online: false,
      joinUrl: null,
      location: 'Messe Frankfurt, Ludwig-Erhard-Anlage 1, Frankfurt am Main, Germany',
      place: {
        name: 'Messe Frankfurt',
        address: 'Ludwig-Erhard-Anlage 1',
        city: 'Frankfurt am Main',
        country: 'Germany',
      },
      organizer: 'FinTech Association, Ada Lovelace',
      url: 'https://conf.example.com/events/fintech-forum',
      categories: ['fintech', 'payments'],
      tags: ['finance', 'fintech', 'payments'],
      callForSpeakers: null,
      registrationDeadline: null,
      people: [{ name: 'Ada Lovelace', key: 'ada lovelace', role: 'organizer', from: 'field' }],
    });
  });

  it('reads a full-IRI EducationEvent with date-only dates (inclusive end made exclusive) and a mixed location list', () => {
    expect(feed.events[1]).toMatchObject({
      uid: 'https://conf.example.com/trainings/data-eng',
      start: '2026-11-10',
      end: '2026-11-13',
      allDay: true,
      online: true,
      joinUrl: 'https://conf.example.com/live/data-eng',
      location: 'Tech Campus, Marienstraße 12, Stuttgart, Germany',
      place: { name: 'Tech Campus', address: 'Marienstraße 12', city: 'Stuttgart', country: 'Germany' },
      tags: ['data', 'education'],
      callForSpeakers: null,
      registrationDeadline: null,
      people: [],
    });
  });
});

describe('a bare JSON-LD document', () => {
  const lisbon = parseFeed(fixture('json-ld-events.json'), { window, defaultTimeZone: 'Europe/Lisbon' });

  it('finds events in a top-level array, an ItemList and an EventSeries subEvent list', () => {
    expect(lisbon.events.map((event) => event.title)).toEqual([
      'Open Source Maintainers Meetup',
      'Climate Tech Hackathon',
      'Founders Breakfast',
      'Storytelling for Engineers',
    ]);
    expect(lisbon.problems).toEqual([
      {
        entry: 'https://community.example.org/e/4',
        message: 'startDate: not a date: "2026-13-45T10:00:00Z"',
      },
    ]);
  });

  it('reads a cancelled event with wall times in the default zone and a written location', () => {
    expect(lisbon.events[0]).toMatchObject({
      uid: 'https://community.example.org/e/1',
      start: '2026-08-20T17:00:00Z',
      end: '2026-08-20T20:00:00Z',
      timeZone: 'Europe/Lisbon',
      status: 'cancelled',
      location: 'Impact Hub, Rua Alexandre Herculano 1, Lisboa, Portugal',
      place: {
        name: 'Impact Hub',
        address: 'Rua Alexandre Herculano 1',
        city: 'Lisboa',
        country: 'Portugal',
      },
      organizer: 'OSS Lisbon',
    });
  });

  it('reads wall times as UTC without a default zone', () => {
    const utc = parseFeed(fixture('json-ld-events.json'), { window });
    expect(utc.events[0]).toMatchObject({
      start: '2026-08-20T18:00:00Z',
      end: '2026-08-20T21:00:00Z',
      timeZone: null,
    });
  });

  it('reads EventMovedOnline with a VirtualLocation as confirmed, online, with its join link', () => {
    expect(lisbon.events[1]).toMatchObject({
      status: 'confirmed',
      online: true,
      joinUrl: 'https://hopin.com/events/climate-hack',
      location: 'hopin.com',
      place: null,
      categories: ['sustainability', 'hackathon'],
    });
  });

  it('keeps an offset as an instant without a zone, and a country code becomes its name', () => {
    expect(lisbon.events[2]).toMatchObject({
      start: '2026-09-10T06:00:00Z',
      timeZone: null,
      online: false,
      place: {
        name: 'Factory Berlin',
        address: 'Rheinsberger Str. 76/77',
        city: 'Berlin',
        country: 'Germany',
      },
    });
    expect(lisbon.events[3]).toMatchObject({ start: '2026-10-01T21:00:00Z', timeZone: null });
  });
});

describe('schema.org vocabulary', () => {
  it('reads eventStatus with or without the schema.org prefix', () => {
    const status = (eventStatus: string) =>
      parseNode({ '@type': 'Event', name: 'E', startDate: '2026-05-01', eventStatus }).events[0]?.status;
    expect(status('https://schema.org/EventPostponed')).toBe('tentative');
    expect(status('EventCancelled')).toBe('cancelled');
    expect(status('http://schema.org/EventRescheduled')).toBe('confirmed');
    expect(status('EventScheduled')).toBe('confirmed');
  });

  it('reads each attendance mode', () => {
    const online = (eventAttendanceMode: string) =>
      parseNode({
        '@type': 'MusicEvent',
        name: 'E',
        startDate: '2026-05-01',
        eventAttendanceMode,
        location: 'Online',
      }).events[0]?.online;
    expect(online('https://schema.org/OnlineEventAttendanceMode')).toBe(true);
    expect(online('OfflineEventAttendanceMode')).toBe(false);
    expect(online('https://schema.org/MixedEventAttendanceMode')).toBe(true);
  });

  it('accepts @type as an array that includes an Event subtype', () => {
    const feed = parseNode({
      '@type': ['Thing', 'https://schema.org/Festival'],
      name: 'Fest',
      startDate: '2026-07-01',
    });
    expect(feed.events.map((event) => event.title)).toEqual(['Fest']);
  });

  it('reports an event without a start date by its @id', () => {
    const feed = parseNode({ '@type': 'Event', '@id': 'https://x.example/e', name: 'Someday' });
    expect(feed.problems).toEqual([
      { entry: 'https://x.example/e', message: 'entry has no event start date', severity: 'warning' },
    ]);
  });

  it('reads a plain-text address on a Place into street, city and country', () => {
    const feed = parseNode({
      '@type': 'Event',
      name: 'E',
      startDate: '2026-05-01T10:00:00Z',
      location: { '@type': 'Place', name: 'Town Hall', address: 'Main St 1, 1010 Wien, Austria' },
    });
    expect(feed.events[0]?.place).toEqual({
      name: 'Town Hall',
      address: 'Main St 1',
      city: 'Wien',
      country: 'Austria',
    });
  });
});
