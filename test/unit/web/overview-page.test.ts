import { describe, expect, it } from 'vitest';
import { groupByDay } from '../../../shared/browse/day-groups.ts';
import { browseRowsOf } from '../../../shared/browse/series-rows.ts';
import { collapseSeries } from '../../../shared/events/collapse-series.ts';
import type { StoredEvent } from '../../../shared/events/stored-event.ts';
import { buildSource } from '../../../shared/sources/new-source.ts';
import type { Source } from '../../../shared/sources/source.ts';
import type { ViewerZone } from '../../../shared/web/events-time-zone.ts';
import { type OverviewView, renderOverviewPage } from '../../../shared/web/overview-page.tsx';
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

const viewer: ViewerZone = { zone: 'Europe/Berlin', source: 'language', setCookie: [], likely: [] };
const overview = (events: StoredEvent[], sources: Source[] = [], signedIn: OverviewView['signedIn'] = null) =>
  renderOverviewPage({
    sources,
    days: groupByDay(browseRowsOf(events), viewer.zone, now),
    viewer,
    signedIn,
  });

describe('overview page', () => {
  it('escapes everything that came from a feed and links events to their own pages', () => {
    const html = overview(
      [
        storedEvent({
          title: '<script>alert(1)</script>',
          url: 'javascript:alert(2)',
          location: '"><img src=x onerror=alert(3)>',
          place: null,
        }),
        storedEvent({ id: 'evt_2', title: 'Fine & dandy', url: 'https://example.org/e?a=1&b=2' }),
      ],
      [
        buildSource(
          { url: 'https://example.org/feed', kind: 'industry-event', organization: '<b>Org</b>' },
          now,
        ),
      ],
    );
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;b>Org&lt;/b>');
    expect(html).toContain('<a href="/events/evt_2" class="title">Fine &amp; dandy</a>');
  });

  it('shows a weekly series once, at its next date, saying how it repeats, in the viewer’s zone', () => {
    const weekly = [1, 2, 3, 4].map((week) =>
      storedEvent({
        id: `evt_w${week}`,
        title: 'Platform meetup',
        start: `2030-03-${String(1 + (week - 1) * 7).padStart(2, '0')}T18:00:00Z`,
        end: null,
      }),
    );
    const html = overview([...weekly, storedEvent({ id: 'evt_other', title: 'Other talk' })]);
    expect(html.match(/Platform meetup/g)).toHaveLength(1);
    expect(html).toContain('every Friday, 19:00 · next Fri 1 Mar');
    expect(html).toContain('Other talk');
    expect(html).toContain('Times are in <strong>Europe/Berlin</strong>');
  });

  it('never shows a bare ISO instant', () => {
    const html = overview([storedEvent({ start: '2030-03-01T18:00:00Z', end: '2030-03-01T20:00:00Z' })]);
    const text = html.replace(/<[^>]+>/g, ' ');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(text).toContain('19:00–21:00 CET');
  });

  it('knows who is signed in: their address and the navigation', () => {
    const html = overview([], [], {
      email: 'ana@example.org',
      nav: { current: null, csrf: 'tok' },
    });
    expect(html).toContain('Signed in as <strong>ana@example.org</strong>');
    expect(html).toContain('<a href="/events">Events</a>');
    expect(html).not.toContain('Sign in or sign up');
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
