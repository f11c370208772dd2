import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FeedParseError } from '../../../shared/feeds/feed-errors.ts';
import { parseFeed } from '../../../shared/feeds/parse-feed.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url));
const window = { fromMs: Date.UTC(2026, 0, 1), toMs: Date.UTC(2027, 0, 1) };

describe('RSS 2.0 with the event module', () => {
  const feed = parseFeed(fixture('rss2-events.xml'), { contentType: 'application/rss+xml', window });

  it('reads the channel title and the items that are events, under the prefix the feed chose', () => {
    expect(feed.format).toBe('rss');
    expect(feed.title).toBe('Berlin Tech Events & Meetups');
    expect(feed.events.map((event) => event.uid)).toEqual([
      'evt-1001',
      'https://events.example.org/wit-summit',
    ]);
  });

  it('turns an HTML description, CDATA title, categories and ev: fields into a normalized event', () => {
    expect(feed.events[0]).toEqual({
      id: '56e2d27c59dcd692047f2d06',
      uid: 'evt-1001',
      recurrenceId: null,
      title: 'Cloud Native Night: Kubernetes & Friends',
      description: 'Talks on Kubernetes operators.\n\n- Pizza\n- Drinks',
      start: '2026-05-12T16:30:00Z',
      end: '2026-05-12T19:00:00Z',
      allDay: false,
      timeZone: null,
      status: 'confirmed',
      online: false,
      joinUrl: null,
      location: 'Kulturbrauerei, Schönhauser Allee 36, Berlin, Germany',
      place: { name: 'Kulturbrauerei', address: 'Schönhauser Allee 36', city: 'Berlin', country: 'Germany' },
      organizer: 'Cloud Native Berlin',
      url: 'https://events.example.org/cloud-native-night',
      // ev:type "meetup" joins the categories, once whatever its case.
      categories: ['Cloud', 'Meetup'],
      tags: ['cloud', 'kubernetes', 'meetup', 'networking'],
      callForSpeakers: null,
      registrationDeadline: null,
      people: [],
    });
  });

  it('reads date-only ev: dates as all-day with an exclusive end, and a zoom link as online', () => {
    expect(feed.events[1]).toMatchObject({
      title: 'Women in Tech Summit',
      description: 'Two days of mentoring & talks.\nJoin online.',
      start: '2026-06-03',
      end: '2026-06-05',
      allDay: true,
      online: true,
      joinUrl: 'https://us02web.zoom.us/j/123456789',
      location: 'us02web.zoom.us',
      place: null,
      categories: ['Diversity'],
      tags: ['diversity', 'diversity-inclusion', 'mentorship', 'women-in-tech'],
      callForSpeakers: null,
      registrationDeadline: null,
      people: [],
    });
  });

  it('skips an item without an event start and one with a garbage start, each with a problem', () => {
    expect(feed.problems).toEqual([
      {
        entry: 'newsletter-19',
        message: 'entry has no event start date (not an event)',
        severity: 'warning',
      },
      { entry: 'evt-1003', message: 'entry has an invalid event start date "TBA"' },
    ]);
  });
});

describe('RSS 1.0 (RDF) with the event module', () => {
  it('reads items beside the channel, with wall times in the default zone', () => {
    const feed = parseFeed(fixture('rss1-events.rdf'), { window, defaultTimeZone: 'Europe/Vienna' });
    expect(feed).toEqual({
      format: 'rss',
      title: 'University Events',
      problems: [],
      events: [
        {
          id: 'dc686a0f973531a185221e90',
          uid: 'https://calendar.example.edu/events/42',
          recurrenceId: null,
          title: 'Research Symposium on Machine Learning',
          description: 'Posters and talks from the PhD programme.',
          start: '2026-09-15T07:00:00Z',
          end: '2026-09-15T15:00:00Z',
          allDay: false,
          timeZone: 'Europe/Vienna',
          status: 'confirmed',
          online: false,
          joinUrl: null,
          location: 'Main Hall, Universitätsring 1, Wien, Austria',
          place: { name: 'Main Hall', address: 'Universitätsring 1', city: 'Wien', country: 'Austria' },
          organizer: 'Faculty of Computer Science',
          url: 'https://calendar.example.edu/events/42',
          categories: ['Research', 'conference'],
          tags: ['ai-ml', 'conference', 'research'],
          callForSpeakers: null,
          registrationDeadline: null,
          people: [],
        },
      ],
    });
  });
});

describe('Atom with the event module and xCal', () => {
  const feed = parseFeed(fixture('atom-events.xml'), { window });

  it('reads an entry with an html title, xhtml content, category labels and the alternate link', () => {
    expect(feed.format).toBe('atom');
    expect(feed.title).toBe('Product People Calendar');
    expect(feed.events[0]).toMatchObject({
      uid: 'tag:example.com,2026:mixer-7',
      title: 'Product Management & Design Mixer',
      description: 'Meet other product managers.\n\nDrinks provided.',
      start: '2026-05-20T19:00:00Z',
      end: '2026-05-20T22:00:00Z',
      location: 'The Barbican, Silk St, London, United Kingdom',
      place: { name: 'The Barbican', address: 'Silk St', city: 'London', country: 'United Kingdom' },
      url: 'https://product.example.com/events/mixer-7',
      categories: ['Product', 'networking'],
      tags: ['networking', 'product', 'product-management'],
      callForSpeakers: null,
      registrationDeadline: null,
      people: [],
    });
  });

  it('reads xCal dtstart/dtend in iCalendar basic format and an online location', () => {
    expect(feed.events[1]).toMatchObject({
      uid: 'tag:example.com,2026:sec-call',
      start: '2026-06-02T16:00:00Z',
      end: '2026-06-02T17:00:00Z',
      online: true,
      joinUrl: null,
      location: 'Online (Google Meet)',
      place: null,
      tags: ['security'],
      callForSpeakers: null,
      registrationDeadline: null,
      people: [],
    });
    expect(feed.problems).toEqual([]);
  });
});

describe('namespace prefixes', () => {
  it('reads Atom under a prefix of its own', () => {
    const xml =
      '<a:feed xmlns:a="http://www.w3.org/2005/Atom" xmlns:ev="http://purl.org/rss/1.0/modules/event/">' +
      '<a:title>Prefixed</a:title><a:entry><a:id>x1</a:id><a:title>Entry</a:title><a:link href="https://e.org/1"/>' +
      '<ev:startdate>2026-05-01T10:00:00Z</ev:startdate></a:entry></a:feed>';
    const feed = parseFeed(xml, { window });
    expect(feed.title).toBe('Prefixed');
    expect(feed.events.map((event) => [event.uid, event.title, event.url, event.start])).toEqual([
      ['x1', 'Entry', 'https://e.org/1', '2026-05-01T10:00:00Z'],
    ]);
  });

  it('finds the event module bound on the item itself, and under an undeclared ev: prefix', () => {
    const xml =
      '<rss><channel><title>T</title>' +
      '<item xmlns:when="http://purl.org/rss/1.0/modules/event/"><title>Item scope</title><when:startdate>2026-05-01</when:startdate></item>' +
      '<item><title>Undeclared</title><ev:startdate>2026-05-02</ev:startdate></item></channel></rss>';
    expect(parseFeed(xml, { window }).events.map((event) => [event.title, event.start])).toEqual([
      ['Item scope', '2026-05-01'],
      ['Undeclared', '2026-05-02'],
    ]);
  });
});

describe('broken and hostile XML', () => {
  it('fails a truncated feed with a FeedParseError that says where', () => {
    expect(() => parseFeed(fixture('malformed.xml'), { window })).toThrow(
      new FeedParseError(
        "malformed XML feed: line 7, column 1: Closing tag 'title' doesn't have proper closing.",
      ),
    );
  });

  it('reads a feed with an unclosed item leniently and says it is not well-formed', () => {
    const xml =
      '<rss xmlns:ev="http://purl.org/rss/1.0/modules/event/"><channel><title>T</title>' +
      '<item><title>Kept</title><guid>a</guid><ev:startdate>2026-05-01</ev:startdate></channel></rss>';
    const feed = parseFeed(xml, { window });
    expect(feed.events.map((event) => event.title)).toEqual(['Kept']);
    expect(feed.problems).toEqual([
      {
        entry: null,
        message:
          "XML is not well-formed (line 1, column 159: Expected closing tag 'item' (opened in line 1, col 81) instead of closing tag 'channel'.); read leniently",
      },
    ]);
  });

  it('stops an entity-expansion attack quickly instead of building a huge string', () => {
    const entity = 'x'.repeat(900);
    const xml =
      `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "${entity}">]>` +
      `<rss><channel><title>${'&a;'.repeat(100_000)}</title></channel></rss>`;
    const started = performance.now();
    expect(() => parseFeed(xml, { window })).toThrow(FeedParseError);
    expect(() => parseFeed(xml, { window })).toThrow(/XML feed rejected: .*limit exceeded/);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('does not expand nested entities (billion laughs)', () => {
    const xml =
      '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">' +
      '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>' +
      '<rss xmlns:ev="http://purl.org/rss/1.0/modules/event/"><channel><title>&lol2;</title>' +
      '<item><title>&lol; &lol2;</title><guid>g</guid><ev:startdate>2026-05-01</ev:startdate></item></channel></rss>';
    const feed = parseFeed(xml, { window });
    expect(feed.title).toBe('&lol2;');
    expect(feed.events[0]?.title).toBe('lol &lol2;');
  });
});
