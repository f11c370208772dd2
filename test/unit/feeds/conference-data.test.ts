import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conferenceTopicOf } from '../../../shared/feeds/conference-data/conference-topics.ts';
import { FeedParseError } from '../../../shared/feeds/feed-errors.ts';
import { parseFeed } from '../../../shared/feeds/parse-feed.ts';

const snapshot = new URL('../../../shared/local/conference-data/', import.meta.url);
const window = { fromMs: Date.parse('2026-01-01T00:00:00Z'), toMs: Date.parse('2027-12-31T00:00:00Z') };
const read = (text: string, location: string | null = null) => parseFeed(text, { window, location });

describe('the open conference data set (confs.tech) as a feed', () => {
  it('reads a whole topic file of the snapshot: every conference, all-day, end inclusive, with its call for speakers', () => {
    const path = new URL('2026/javascript.json', snapshot);
    const entries = JSON.parse(readFileSync(path, 'utf8')) as unknown[];
    const feed = read(readFileSync(path, 'utf8'), path.pathname);
    expect(feed.format).toBe('conference-data');
    expect(feed.problems).toEqual([]);
    expect(feed.events).toHaveLength(entries.length);
    const singapore = feed.events.find((event) => event.title === 'CityJS Singapore');
    expect(singapore).toMatchObject({
      start: '2026-02-04',
      end: '2026-02-07',
      allDay: true,
      online: false,
      place: { city: 'Singapore', country: 'Singapore' },
      location: 'Singapore',
      url: 'https://singapore.cityjsconf.org/',
      categories: ['JavaScript'],
      callForSpeakers: {
        url: 'https://docs.google.com/forms/d/e/1FAIpQLSdCB9sjowyPA6srn50l5M_rNxwC7D2_6vcTwRv57-vvk1wOBw/viewform',
        closesOn: '2025-12-31',
      },
    });
    expect(singapore?.tags).toContain('frontend');
    const online = feed.events.find((event) => event.title === 'AI Coding Summit');
    expect(online).toMatchObject({ online: true, place: null, callForSpeakers: { closesOn: '2026-01-26' } });
  });

  it('gives every event a callForSpeakers: null without a call, and for the other formats', () => {
    const feed = read(
      JSON.stringify([
        { name: 'No CFP Conf', url: 'https://nocfp.example', startDate: '2026-05-01', online: true },
      ]),
    );
    expect(feed.events[0]?.callForSpeakers).toBeNull();
    const ical = parseFeed(
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:Meetup\r\nDTSTART:20260301T180000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
      { window },
    );
    expect(ical.events[0]?.callForSpeakers).toBeNull();
  });

  it('takes the topic from the file name, worded so it reads as the right topic', () => {
    expect(conferenceTopicOf('https://example.org/conferences/2027/leadership.json')).toBe('Leadership');
    expect(conferenceTopicOf('/data/2026/networking.json')).toBe('Network engineering');
    expect(conferenceTopicOf('/data/2026/general.json')).toBeNull();
    expect(conferenceTopicOf('https://example.org/feed')).toBeNull();
    const entry = [{ name: 'Lead Conf', url: 'https://lead.example', startDate: '2026-06-01', online: true }];
    expect(read(JSON.stringify(entry), 'https://x.example/2026/leadership.json').events[0]?.tags).toContain(
      'leadership',
    );
    // The data set's "networking" is computer networking, not meeting people.
    expect(read(JSON.stringify(entry), '/2026/networking.json').events[0]?.tags).not.toContain('networking');
  });

  it('reports an entry that does not fit and keeps the others; refuses hostile links', () => {
    const feed = read(
      JSON.stringify([
        {
          name: 'Good',
          url: 'https://good.example',
          startDate: '2026-04-01',
          endDate: '2026-04-02',
          online: false,
        },
        { name: 'No start', url: 'https://nostart.example', online: false },
        { name: 'Bad date', url: 'https://bad.example', startDate: '01.04.2026', online: false },
        {
          name: 'Backwards',
          url: 'https://back.example',
          startDate: '2026-04-05',
          endDate: '2026-04-03',
          cfpUrl: 'javascript:alert(1)',
          cfpEndDate: '2026-03-01',
        },
        { name: 'Bare link', url: 'bare.example/conf', startDate: '2026-04-07', cfpUrl: 'cfp.example/apply' },
      ]),
    );
    expect(feed.events.map((event) => event.title)).toEqual(['Good', 'Backwards', 'Bare link']);
    expect(feed.problems.map((problem) => problem.entry)).toEqual([
      'https://nostart.example',
      'https://bad.example',
      'https://back.example',
    ]);
    expect(feed.problems[2]?.severity).toBe('warning');
    const backwards = feed.events[1];
    expect(backwards).toMatchObject({ start: '2026-04-05', end: '2026-04-06' });
    expect(backwards?.callForSpeakers).toEqual({ url: null, closesOn: '2026-03-01' });
    expect(feed.events[2]).toMatchObject({
      url: 'https://bare.example/conf',
      callForSpeakers: { url: 'https://cfp.example/apply', closesOn: null },
    });
  });

  it('is told apart from other JSON by its entries', () => {
    expect(() => read('[1, 2, 3]')).toThrow(FeedParseError);
    expect(() => read('[{"title": "x"}]')).toThrow(FeedParseError);
  });
});
