import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFeed, detectFormat, NOT_A_FEED } from '../../../shared/feeds/detect-format.ts';
import { FeedParseError } from '../../../shared/feeds/feed-errors.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url), 'utf8');

describe('detectFormat', () => {
  it('recognises each format by its content, whatever the Content-Type says', () => {
    expect(detectFormat(fixture('icalendar-events.ics'), 'text/html')).toBe('icalendar');
    expect(detectFormat(fixture('rss2-events.xml'), 'text/plain')).toBe('rss');
    expect(detectFormat(fixture('rss1-events.rdf'), 'application/octet-stream')).toBe('rss');
    expect(detectFormat(fixture('atom-events.xml'), 'application/rss+xml')).toBe('atom');
    expect(detectFormat(fixture('json-feed-events.json'), 'text/plain')).toBe('json-feed');
    expect(detectFormat(fixture('json-ld-events.json'), 'text/html')).toBe('json-ld');
    expect(detectFormat(fixture('json-ld-page.html'), 'application/json')).toBe('json-ld');
  });

  it('tells an HTML page from a bare JSON-LD document and hands back parsed JSON', () => {
    expect(detectFeed(fixture('json-ld-page.html')).kind).toBe('html');
    const detected = detectFeed('  {"@context":"https://schema.org","@type":"Event"}');
    expect(detected).toEqual({
      kind: 'json-ld',
      json: { '@context': 'https://schema.org', '@type': 'Event' },
    });
  });

  it('skips a byte-order mark, whitespace, comments and an XML declaration before the root', () => {
    expect(detectFormat('\ufeff\n<?xml version="1.0"?>\n<!-- generated -->\n<rss version="2.0"></rss>')).toBe(
      'rss',
    );
    expect(detectFormat('\r\n\r\nbegin:vcalendar\r\nEND:VCALENDAR')).toBe('icalendar');
  });

  it('refuses an HTML page without JSON-LD, plain text and other JSON with the one clear message', () => {
    expect(() => detectFormat('<!DOCTYPE html><html><body>Hello</body></html>')).toThrow(
      new FeedParseError(`${NOT_A_FEED} (an HTML page without application/ld+json script blocks)`),
    );
    expect(() => detectFormat('just some text', 'text/plain; charset=utf-8')).toThrow(
      new FeedParseError(`${NOT_A_FEED}; the server said text/plain`),
    );
    expect(() => detectFormat('{"hello": "world"}')).toThrow(
      new FeedParseError(
        `${NOT_A_FEED} (JSON without a JSON Feed version, a JSON-LD @context or conference entries)`,
      ),
    );
    expect(() => detectFormat('<svg xmlns="http://www.w3.org/2000/svg"></svg>')).toThrow(
      new FeedParseError(`${NOT_A_FEED} (XML whose root element is <svg>)`),
    );
  });
});
