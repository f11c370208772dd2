import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FeedParseError } from '../../../shared/feeds/feed-errors.ts';
import { parseFeed } from '../../../shared/feeds/parse-feed.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url));
const window = { fromMs: Date.UTC(2026, 0, 1), toMs: Date.UTC(2027, 0, 1) };

describe('JSON Feed with the _event extension', () => {
  const feed = parseFeed(fixture('json-feed-events.json'), {
    contentType: 'text/plain',
    window,
    defaultTags: ['NL Tech'],
  });

  it('reads an item with HTML content, tags, a zone for wall times and a structured place', () => {
    expect(feed.format).toBe('json-feed');
    expect(feed.title).toBe('Mentoring Circle Events');
    expect(feed.events[0]).toEqual({
      id: 'eca489cff7f9102ccf42059d',
      uid: 'circle-2026-05',
      recurrenceId: null,
      title: 'Mentoring Circle: Career Growth',
      description: 'An evening of mentorship for engineers.',
      start: '2026-05-14T16:00:00Z',
      end: '2026-05-14T18:00:00Z',
      allDay: false,
      timeZone: 'Europe/Amsterdam',
      status: 'confirmed',
      online: false,
      joinUrl: null,
      location: 'Pakhuis de Zwijger, Piet Heinkade 179, Amsterdam, Netherlands',
      place: {
        name: 'Pakhuis de Zwijger',
        address: 'Piet Heinkade 179',
        city: 'Amsterdam',
        country: 'Netherlands',
      },
      organizer: 'Mentoring Circle NL',
      url: 'https://mentors.example.net/events/circle-2026-05',
      categories: ['Mentorship', 'Career'],
      tags: ['career', 'mentorship', 'nl-tech'],
      callForSpeakers: null,
      registrationDeadline: null,
      people: [],
    });
  });

  it('accepts the schema.org names as synonyms inside _event', () => {
    expect(feed.events[1]).toMatchObject({
      uid: 'webinar-ux',
      description: 'Designing for everyone.\n\nWith live captions.',
      start: '2026-05-21T15:00:00Z',
      end: null,
      status: 'tentative',
      online: true,
      joinUrl: 'https://meet.google.com/abc-defg-hij',
      location: 'meet.google.com',
      url: 'https://webinars.example.net/ux',
    });
  });

  it('reads an all-day item with its last day inclusive and a cancelled status', () => {
    expect(feed.events[2]).toMatchObject({
      uid: 'conf-2026',
      start: '2026-10-01',
      end: '2026-10-03',
      allDay: true,
      status: 'cancelled',
      place: { name: 'Kongresshaus', address: null, city: 'Zürich', country: 'Switzerland' },
    });
  });

  it('names the item and the field of a bad item, skips items without _event, and keeps the rest', () => {
    expect(feed.events.map((event) => event.uid)).toEqual(['circle-2026-05', 'webinar-ux', 'conf-2026']);
    expect(feed.problems).toEqual([
      { entry: 'bad-date', message: '_event.start: not a date: "TBA"' },
      { entry: 'bad-online', message: '_event.online: Invalid input: expected boolean, received string' },
      { entry: 'blog-post-1', message: 'entry has no event start date (not an event)', severity: 'warning' },
    ]);
  });

  it('reports an unknown status word by field', () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1',
      items: [{ id: 'x', title: 'X', _event: { start: '2026-05-01', status: 'maybe' } }],
    });
    expect(parseFeed(json, { window }).problems).toEqual([
      { entry: 'x', message: '_event.status: expected confirmed, tentative or cancelled' },
    ]);
  });

  it('fails a JSON Feed whose items are not a list', () => {
    expect(() => parseFeed('{"version":"https://jsonfeed.org/version/1.1","items":{}}', { window })).toThrow(
      new FeedParseError('not a readable JSON Feed: items: Invalid input: expected array, received object'),
    );
  });
});
