import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../shared/events/stored-event.ts';
import { buildSource } from '../../../shared/sources/new-source.ts';
import { renderOverviewPage } from '../../../shared/web/overview-page.ts';
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
      events: [
        storedEvent({
          title: '<script>alert(1)</script>',
          url: 'javascript:alert(2)',
          location: '"><img src=x onerror=alert(3)>',
        }),
        storedEvent({ id: 'evt_2', title: 'Fine & dandy', url: 'https://example.org/e?a=1&b=2' }),
      ],
      now,
    });
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;b&gt;Org&lt;/b&gt;');
    expect(html).toContain('<a href="https://example.org/e?a=1&amp;b=2">Fine &amp; dandy</a>');
  });
});
