import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventId } from '../../../shared/feeds/event-id.ts';
import { FeedParseError } from '../../../shared/feeds/feed-errors.ts';
import { parseFeed } from '../../../shared/feeds/parse-feed.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url));
const window = { fromMs: Date.UTC(2026, 0, 1), toMs: Date.UTC(2027, 0, 1) };

function rssWithItems(items: string): string {
  return (
    '<rss version="2.0" xmlns:ev="http://purl.org/rss/1.0/modules/event/"><channel><title>Dupes</title>' +
    `${items}</channel></rss>`
  );
}

describe('parseFeed', () => {
  it('dispatches iCalendar served as application/octet-stream to the iCalendar parser', () => {
    const feed = parseFeed(fixture('icalendar-events.ics'), {
      contentType: 'application/octet-stream',
      window,
      defaultTags: ['Berlin'],
    });
    expect(feed.format).toBe('icalendar');
    expect(feed.title).toBe('Berlin Tech Calendar');
    expect(feed.problems).toEqual([]);
    expect(feed.events).toEqual([
      {
        id: eventId('standup-1@example.org', null),
        uid: 'standup-1@example.org',
        recurrenceId: null,
        title: 'Kubernetes & Coffee',
        description: 'Talks on operators.\nBring a laptop.',
        start: '2026-05-12T16:30:00Z',
        end: '2026-05-12T19:00:00Z',
        allDay: false,
        timeZone: 'Europe/Berlin',
        status: 'confirmed',
        online: false,
        joinUrl: null,
        location: 'Kulturbrauerei, Schönhauser Allee 36, Berlin, Germany',
        place: {
          name: 'Kulturbrauerei',
          address: 'Schönhauser Allee 36',
          city: 'Berlin',
          country: 'Germany',
        },
        organizer: null,
        url: 'https://events.example.org/k8s-coffee',
        categories: ['Cloud', 'Meetup'],
        tags: ['berlin', 'cloud', 'kubernetes', 'meetup', 'networking'],
        callForSpeakers: null,
        registrationDeadline: null,
        people: [],
      },
      expect.objectContaining({
        uid: 'webinar-2@example.org',
        title: 'Security webinar',
        online: true,
        joinUrl: 'https://zoom.us/j/987654321',
        location: 'zoom.us',
        tags: ['berlin', 'security'],
        callForSpeakers: null,
        registrationDeadline: null,
        people: [],
      }),
    ]);
  });

  it('detects JSON-LD served as text/html and RSS served as JSON by their content', () => {
    expect(parseFeed(fixture('json-ld-events.json'), { contentType: 'text/html', window }).format).toBe(
      'json-ld',
    );
    expect(parseFeed(fixture('rss2-events.xml'), { contentType: 'application/json', window }).format).toBe(
      'rss',
    );
  });

  it('decodes an ISO-8859-1 feed declared in its XML declaration', () => {
    const feed = parseFeed(fixture('latin1.xml'), { contentType: 'application/xml', window });
    expect(feed.title).toBe('Café Tech München');
    expect(feed.events[0]).toMatchObject({
      title: 'Künstliche Intelligenz im Café',
      place: { name: 'Café Glück', address: 'Straße 5', city: 'München', country: 'Germany' },
    });
  });

  it('tells apart two entries sharing an id by their start, and drops a true duplicate', () => {
    const item = (start: string) =>
      `<item><title>Office hours</title><guid>office-hours</guid><ev:startdate>${start}</ev:startdate></item>`;
    const feed = parseFeed(
      rssWithItems(
        item('2026-05-01T10:00:00Z') + item('2026-05-08T10:00:00Z') + item('2026-05-08T10:00:00Z'),
      ),
      { window },
    );
    expect(feed.events.map((event) => [event.start, event.id])).toEqual([
      ['2026-05-01T10:00:00Z', eventId('office-hours', null)],
      ['2026-05-08T10:00:00Z', eventId('office-hours@2026-05-08T10:00:00Z', null)],
    ]);
    expect(feed.problems).toEqual([
      { entry: 'office-hours', message: 'duplicate entry', severity: 'warning' },
    ]);
  });

  it('keeps the other entries when one is rejected by the normalizer', () => {
    const feed = parseFeed(
      rssWithItems(
        '<item><guid>untitled</guid><ev:startdate>2026-05-01</ev:startdate></item>' +
          '<item><title>Titled</title><guid>titled</guid><ev:startdate>2026-05-02</ev:startdate></item>',
      ),
      { window },
    );
    expect(feed.events.map((event) => event.uid)).toEqual(['titled']);
    expect(feed.problems).toEqual([{ entry: 'untitled', message: 'entry has no title' }]);
  });

  it('names an entry without a UID by its place among the events kept, after a revision replaced an earlier one', () => {
    const vevent = (lines: string[]) => ['BEGIN:VEVENT', 'DTSTAMP:20260101T000000Z', ...lines, 'END:VEVENT'];
    const text = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      ...vevent(['UID:revised', 'SUMMARY:Old copy', 'DTSTART:20260501T090000Z']),
      ...vevent(['UID:other', 'SUMMARY:Other', 'DTSTART:20260502T090000Z']),
      ...vevent(['DTSTART:20260503T090000Z']),
      ...vevent(['UID:revised', 'SEQUENCE:1', 'SUMMARY:New copy', 'DTSTART:20260504T090000Z']),
      'END:VCALENDAR',
    ].join('\r\n');
    const feed = parseFeed(text, { window });
    expect(feed.events.map((event) => event.title)).toEqual(['Other', 'New copy']);
    // The old copy was taken back: the entry without a UID (or title) is the second one kept.
    expect(feed.problems).toEqual([{ entry: '#2', message: 'entry has no title' }]);
  });

  it('returns events outside the window for formats without recurrence', () => {
    const feed = parseFeed(fixture('rss2-events.xml'), { window: { fromMs: 0, toMs: 1 } });
    expect(feed.events).toHaveLength(2);
  });

  it('reads wall times as UTC, with a problem, when the default zone is unknown', () => {
    const feed = parseFeed(fixture('rss1-events.rdf'), { window, defaultTimeZone: 'Mars/Olympus_Mons' });
    expect(feed.events[0]).toMatchObject({ start: '2026-09-15T09:00:00Z', timeZone: null });
    expect(feed.problems).toEqual([
      {
        entry: null,
        message: 'unknown default time zone "Mars/Olympus_Mons"; times without a zone are read as UTC',
        severity: 'warning',
      },
    ]);
  });

  it('throws FeedParseError only when the input is not a feed at all', () => {
    expect(() => parseFeed('<html><body>No events here</body></html>', { window })).toThrow(FeedParseError);
    expect(() => parseFeed(new Uint8Array([0x00, 0x01, 0x02]), { window })).toThrow(FeedParseError);
  });
});
