import { describe, expect, it } from 'vitest';
import { FeedParseError } from '../../../shared/feeds/feed-errors.ts';
import { parseFeed } from '../../../shared/feeds/parse-feed.ts';
import { jsonNestingDepth, maxJsonDepth } from '../../../shared/feeds/read-json.ts';

/* Hostile nesting is an unreadable feed with a clear message, never a stack overflow. */

const window = { fromMs: Date.UTC(2026, 0, 1), toMs: Date.UTC(2027, 0, 1) };
const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const parse = (text: string) => parseFeed(new TextEncoder().encode(text), { window });

const goodEventBlock = JSON.stringify({
  '@context': 'https://schema.org',
  '@type': 'Event',
  name: 'Platform engineering meetup',
  startDate: '2026-03-04T18:00:00+01:00',
  location: { '@type': 'Place', name: 'Betahaus', address: 'Berlin, Germany' },
});

describe('nesting depth of feeds', () => {
  it('counts brackets outside strings only, honouring escapes', () => {
    expect(jsonNestingDepth('{"a":[1,{"b":"[[[[\\"]]]"}]}')).toBe(3);
    expect(jsonNestingDepth('[]')).toBe(1);
    expect(jsonNestingDepth('"[[["')).toBe(0);
  });

  it('rejects a JSON document of 100,000 nested arrays as unreadable, with one clear line', () => {
    expect(() => parse(nested(100_000))).toThrow(FeedParseError);
    expect(() => parse(nested(100_000))).toThrow(`nested more than ${maxJsonDepth} levels deep`);
  });

  it('rejects a JSON Feed whose item nests deeper than the limit', () => {
    const feed = `{"version":"https://jsonfeed.org/version/1.1","title":"x","items":[${nested(5_000)}]}`;
    expect(() => parse(feed)).toThrow(`nested more than ${maxJsonDepth} levels deep`);
  });

  it('reads JSON nested up to the limit', () => {
    const feed = `{"version":"https://jsonfeed.org/version/1.1","title":"x","items":[],"x":${nested(maxJsonDepth - 1)}}`;
    expect(parse(feed).events).toEqual([]);
  });

  it('fails an HTML page whose only JSON-LD block is nested 100,000 deep', () => {
    const page = `<html><head><script type="application/ld+json">${nested(100_000)}</script></head></html>`;
    expect(() => parse(page)).toThrow(
      /none of the page's JSON-LD could be read: .*nested more than 64 levels/,
    );
  });

  it('keeps the events of a page when one of its JSON-LD blocks is too deep, and reports that block', () => {
    const page =
      '<html><head>' +
      `<script type="application/ld+json">${nested(1_000)}</script>` +
      `<script type="application/ld+json">${goodEventBlock}</script>` +
      '</head></html>';
    const feed = parse(page);
    expect(feed.events.map((event) => event.title)).toEqual(['Platform engineering meetup']);
    expect(feed.problems.map((problem) => problem.message)).toEqual([
      'JSON-LD block 1 is not valid JSON: the block is nested more than 64 levels deep',
    ]);
  });

  it('rejects XML nested 20,000 elements deep as unreadable', () => {
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel>${'<a>'.repeat(20_000)}${'</a>'.repeat(20_000)}</channel></rss>`;
    expect(() => parse(xml)).toThrow('XML feed rejected: elements nested more than 200 levels deep');
  });
});
