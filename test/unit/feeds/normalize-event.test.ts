import { describe, expect, it } from 'vitest';
import { eventId } from '../../../shared/feeds/event-id.ts';
import { MAX_DESCRIPTION_LENGTH, normalizeEvent } from '../../../shared/feeds/normalize-event.ts';
import type { RawEvent } from '../../../shared/feeds/raw-event.ts';

const MAY_12_1630_UTC = Date.UTC(2026, 4, 12, 16, 30);
const HOUR = 3_600_000;

function raw(overrides: Partial<RawEvent> = {}): RawEvent {
  return {
    uid: 'meetup-1@example.org',
    recurrenceId: null,
    title: 'Berlin Meetup',
    description: null,
    descriptionFormat: 'text',
    start: { kind: 'instant', utcMs: MAY_12_1630_UTC, timeZone: 'Europe/Berlin' },
    end: { kind: 'instant', utcMs: MAY_12_1630_UTC + 2 * HOUR, timeZone: 'Europe/Berlin' },
    status: null,
    online: null,
    joinUrl: null,
    locationText: null,
    place: null,
    organizer: null,
    url: null,
    categories: [],
    ...overrides,
  };
}

function normalized(overrides: Partial<RawEvent> = {}, defaultTags: readonly string[] = []) {
  const outcome = normalizeEvent(raw(overrides), { defaultTags });
  if (!outcome.ok) throw new Error(`rejected: ${outcome.problem.message}`);
  return outcome;
}

describe('normalizeEvent', () => {
  it('writes instants without milliseconds, keeps the zone of the start and defaults the status', () => {
    const { event, problems } = normalized({
      start: { kind: 'instant', utcMs: MAY_12_1630_UTC + 999, timeZone: 'Europe/Berlin' },
    });
    expect(event).toMatchObject({
      start: '2026-05-12T16:30:00Z',
      end: '2026-05-12T18:30:00Z',
      allDay: false,
      timeZone: 'Europe/Berlin',
      status: 'confirmed',
      description: '',
      location: null,
      place: null,
      online: false,
    });
    expect(problems).toEqual([]);
  });

  it('reads venue, street, city and country from a written location', () => {
    const { event } = normalized({
      locationText: 'Kulturbrauerei, Schönhauser Allee 36, 10435 Berlin, Germany',
    });
    expect(event.place).toEqual({
      name: 'Kulturbrauerei',
      address: 'Schönhauser Allee 36',
      city: 'Berlin',
      country: 'Germany',
    });
    expect(event.location).toBe('Kulturbrauerei, Schönhauser Allee 36, Berlin, Germany');
    expect(event.online).toBe(false);
  });

  it('fills the gaps of a structured place from the written location, the structured parts winning', () => {
    const { event } = normalized({
      locationText: 'Kulturbrauerei, Berlin, DE',
      place: { name: 'Kesselhaus', country: 'DE' },
    });
    expect(event.place).toEqual({ name: 'Kesselhaus', address: null, city: 'Berlin', country: 'Germany' });
  });

  it('recognises a US city with a state and ZIP code', () => {
    const { event } = normalized({ locationText: 'Moscone Center, 747 Howard St, San Francisco, CA 94103' });
    expect(event.place).toEqual({
      name: 'Moscone Center',
      address: '747 Howard St',
      city: 'San Francisco',
      country: 'United States',
    });
  });

  it('infers an online event and its join link from a zoom link in the location', () => {
    const { event } = normalized({ locationText: 'Zoom: https://us02web.zoom.us/j/123456789?pwd=abc' });
    expect(event).toMatchObject({
      online: true,
      joinUrl: 'https://us02web.zoom.us/j/123456789?pwd=abc',
      location: 'us02web.zoom.us',
      place: null,
    });
  });

  it('keeps the venue of a hybrid location and its stream link', () => {
    const { event } = normalized({
      locationText: 'Kulturbrauerei, Berlin & online via https://youtube.com/live/abc',
    });
    expect(event).toMatchObject({
      online: true,
      joinUrl: 'https://youtube.com/live/abc',
      location: 'Kulturbrauerei, Berlin',
      place: { name: 'Kulturbrauerei', address: null, city: 'Berlin', country: null },
    });
  });

  it('trusts the feed when it says an event is not online', () => {
    const { event } = normalized({ locationText: 'Virtual Reality Lab, Berlin', online: false });
    expect(event.online).toBe(false);
    expect(event.joinUrl).toBeNull();
  });

  it('decodes entities and strips markup in the title, and rejects an entry whose title is empty', () => {
    expect(normalized({ title: '  Rock &amp;amp; Roll &lt;3 <b>Night</b> ' }).event.title).toBe(
      'Rock &amp; Roll <3 Night',
    );
    expect(normalized({ title: 'Tom &amp; Jerry&#8217;s Meetup' }).event.title).toBe('Tom & Jerry’s Meetup');
    expect(normalizeEvent(raw({ title: ' <br> ' }), { defaultTags: [] })).toEqual({
      ok: false,
      problem: { entry: 'meetup-1@example.org', message: 'entry has no title' },
    });
  });

  it('reads plain-text descriptions as text, but one full of HTML tags as HTML', () => {
    expect(normalized({ description: 'Line one\r\n\r\n\r\nLine &amp; two  ' }).event.description).toBe(
      'Line one\n\nLine & two',
    );
    expect(normalized({ description: '<p>Hello</p><p>World</p>' }).event.description).toBe('Hello\n\nWorld');
  });

  it('cuts a very long description with an ellipsis', () => {
    const description = normalized({ description: 'word '.repeat(5_000) }).event.description;
    expect(description).toHaveLength(MAX_DESCRIPTION_LENGTH);
    expect(description.endsWith('word…')).toBe(true);
  });

  it('drops an end that is not after the start, with a problem', () => {
    const outcome = normalizeEvent(
      raw({ end: { kind: 'instant', utcMs: MAY_12_1630_UTC - HOUR, timeZone: 'Europe/Berlin' } }),
      { defaultTags: [] },
    );
    expect(outcome).toMatchObject({
      ok: true,
      event: { end: null },
      problems: [
        {
          entry: 'meetup-1@example.org',
          message: 'end 2026-05-12T15:30:00Z is not after start 2026-05-12T16:30:00Z; end ignored',
        },
      ],
    });
  });

  it('keeps a zero-length timed event (end equals start), but not an all-day one ending on its start day', () => {
    const instant = { kind: 'instant' as const, utcMs: MAY_12_1630_UTC, timeZone: 'Europe/Berlin' };
    const deadline = normalizeEvent(raw({ start: instant, end: instant }), { defaultTags: [] });
    expect(deadline).toMatchObject({ ok: true, event: { end: '2026-05-12T16:30:00Z' }, problems: [] });
    const day = { kind: 'date' as const, date: '2026-05-12' };
    const allDay = normalizeEvent(raw({ start: day, end: day }), { defaultTags: [] });
    expect(allDay).toMatchObject({ ok: true, event: { end: null } });
  });

  it('brings an end of the other kind to the kind of the start', () => {
    const allDayEndingAtAnInstant = normalized({
      start: { kind: 'date', date: '2026-06-03' },
      end: { kind: 'instant', utcMs: Date.UTC(2026, 5, 4, 15), timeZone: null },
    }).event;
    expect(allDayEndingAtAnInstant).toMatchObject({
      start: '2026-06-03',
      end: '2026-06-05',
      allDay: true,
      timeZone: null,
    });

    const timedEndingOnADate = normalized({ end: { kind: 'date', date: '2026-05-13' } }).event;
    expect(timedEndingOnADate.end).toBe('2026-05-12T22:00:00Z');
  });

  it('keeps only absolute http(s) URLs', () => {
    expect(normalized({ url: '/events/1' }).event.url).toBeNull();
    expect(normalized({ url: 'javascript:alert(1)' }).event.url).toBeNull();
    expect(normalized({ url: ' https://example.org/e/1 ' }).event.url).toBe('https://example.org/e/1');
  });

  it('stores URLs as the WHATWG URL serializes them, and drops ones that do not parse', () => {
    expect(normalized({ url: 'HTTPS://Example.ORG:443/a/../e?q=ä#x' }).event.url).toBe(
      'https://example.org/e?q=%C3%A4#x',
    );
    expect(normalized({ url: 'https://exa mple.org/e' }).event.url).toBeNull();
    expect(normalized({ url: 'http://[::ffff:127.0.0.1]/' }).event.url).toBe('http://[::ffff:7f00:1]/');
    const online = normalized({ locationText: 'Online', joinUrl: 'https://Zoom.US/j/1?pwd=ä' }).event;
    expect(online.joinUrl).toBe('https://zoom.us/j/1?pwd=%C3%A4');
  });

  it('keeps a URL the parser would not change as it is, and still rewrites the look-alikes', () => {
    for (const url of [
      'https://events.example.org/e/bench-1?utm_source=feed&x=(1)#agenda',
      'http://a-b.example.co.uk/~meetup/2026/05;jsessionid=1',
    ]) {
      expect(normalized({ url }).event.url).toBe(url);
    }
    const rewritten: Record<string, string | null> = {
      'https://example.org/a/./b': 'https://example.org/a/b',
      'https://example.org/a/%2e%2e/b': 'https://example.org/b',
      'http://example.org:80/e': 'http://example.org/e',
      'https://127.1/e': 'https://127.0.0.1/e',
      'https://example.0x7f/e': null,
      'https://example.org': 'https://example.org/',
      "https://example.org/e?it's": 'https://example.org/e?it%27s',
      'https://xn--bcher-kva.example/e': 'https://xn--bcher-kva.example/e',
      'https://xn--a.example/e': null,
    };
    for (const [url, stored] of Object.entries(rewritten)) {
      expect(normalized({ url }).event.url, url).toBe(URL.parse(url)?.href ?? null);
      expect(normalized({ url }).event.url, url).toBe(stored);
    }
  });

  it('tags from the vocabulary in title, description and categories, every category slugged, and the defaults', () => {
    const { event } = normalized(
      {
        title: 'Kubernetes Operators Night',
        description: 'Lightning talks, then mentoring for women in tech.',
        categories: ['Cloud Native', 'Café Talks', 'cloud native'],
      },
      ['Berlin Tech', 'meetup'],
    );
    expect(event.categories).toEqual(['Cloud Native', 'Café Talks']);
    expect(event.tags).toEqual([
      'berlin-tech',
      'cafe-talks',
      'cloud-native',
      'kubernetes',
      'meetup',
      'mentorship',
      'women-in-tech',
    ]);
  });
});

describe('event ids', () => {
  it('is the same for the same entry on every parse, and follows the documented formula', () => {
    const first = normalized().event.id;
    const second = normalized().event.id;
    expect(first).toBe(second);
    expect(first).toBe(eventId('meetup-1@example.org', null));
    expect(first).toMatch(/^[0-9a-f]{24}$/);
  });

  it('differs between occurrences of one series', () => {
    const one = normalized({ recurrenceId: '2026-05-12T16:30:00Z' }).event.id;
    const two = normalized({ recurrenceId: '2026-05-19T16:30:00Z' }).event.id;
    expect(one).not.toBe(two);
  });

  it('falls back to the URL, then to title and start, when the entry has no id', () => {
    const byUrl = normalized({ uid: null, url: 'https://example.org/e/1' }).event;
    expect(byUrl.uid).toBe('https://example.org/e/1');
    expect(byUrl.id).toBe(eventId('https://example.org/e/1', null));
    const byTitle = normalized({ uid: null }).event;
    expect(byTitle.uid).toBeNull();
    expect(byTitle.id).toBe(eventId('Berlin Meetup@2026-05-12T16:30:00Z', null));
  });
});
