import { describe, expect, it } from 'vitest';
import { collapseSeries } from '../../../shared/events/collapse-series.ts';
import type { StoredEvent } from '../../../shared/events/stored-event.ts';
import { buildSource } from '../../../shared/sources/new-source.ts';
import { renderOverviewPage } from '../../../shared/web/overview-page.tsx';
import { eventEntry } from '../../support/event-entries.ts';

const now = new Date('2030-03-01T00:00:00Z');

function storedEvent(overrides: Partial<StoredEvent>): StoredEvent {
  return {
    ...eventEntry('a').content,
    id: 'evt_1',
    primarySourceId: 'src_1',
    sources: [],
    removed: false,
    firstSeenAt: now.toISOString(),
    updatedAt: now.toISOString(),
    ...overrides,
  };
}

describe('overview page', () => {
  it('escapes everything that came from a feed and links only http(s) URLs', () => {
    const html = renderOverviewPage({
      sources: [
        buildSource(
          { url: 'https://example.org/feed', kind: 'industry-event', organization: '<b>Org</b>' },
          now,
        ),
      ],
      rows: collapseSeries(
        [
          storedEvent({
            title: '<script>alert(1)</script>',
            url: 'javascript:alert(2)',
            location: '"><img src=x onerror=alert(3)>',
          }),
          storedEvent({ id: 'evt_2', title: 'Fine & dandy', url: 'https://example.org/e?a=1&b=2' }),
        ],
        10,
      ),
      now,
    });
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;b>Org&lt;/b>');
    expect(html).toContain('<a href="https://example.org/e?a=1&amp;b=2">Fine &amp; dandy</a>');
  });

  it('shows a weekly series once, at its next date, with how many more dates follow', () => {
    const weekly = [1, 2, 3, 4].map((week) =>
      storedEvent({ id: `evt_w${week}`, title: 'Platform meetup', start: `2030-03-0${week}T18:00:00Z` }),
    );
    const html = renderOverviewPage({
      sources: [],
      rows: collapseSeries([...weekly, storedEvent({ id: 'evt_other', title: 'Other talk' })], 10),
      now,
    });
    expect(html.match(/Platform meetup/g)).toHaveLength(1);
    expect(html).toContain('and 3 more dates');
    expect(html).toContain('2030-03-01T18:00:00Z');
    expect(html).toContain('Other talk');
  });
});

describe('collapseSeries', () => {
  it('keeps a series of one source as one row, tells other sources apart, and stops at the row limit', () => {
    const rows = collapseSeries(
      [
        storedEvent({ id: 'a1', title: 'Meetup' }),
        storedEvent({ id: 'b1', title: 'Meetup', primarySourceId: 'src_2' }),
        storedEvent({ id: 'a2', title: ' meetup ' }),
        storedEvent({ id: 'c1', title: 'Third' }),
      ],
      2,
    );
    expect(rows.map((row) => [row.event.id, row.laterOccurrences])).toEqual([
      ['a1', 1],
      ['b1', 0],
    ]);
  });
});
