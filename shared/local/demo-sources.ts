import type { SourceKind } from '../sources/source.ts';

/** The feeds `trellis dev` serves from loopback and registers on first start: one of each format. */
export interface DemoSource {
  readonly file: string;
  readonly contentType: string;
  readonly kind: SourceKind;
  readonly organization: string;
  readonly defaultTags: readonly string[];
  readonly timeZone: string | null;
}

export const demoSources: readonly DemoSource[] = [
  {
    file: 'berlin-tech.ics',
    contentType: 'text/calendar; charset=utf-8',
    kind: 'industry-event',
    organization: 'Berlin Tech Community',
    defaultTags: ['berlin'],
    timeZone: 'Europe/Berlin',
  },
  {
    file: 'women-in-engineering.xml',
    contentType: 'application/rss+xml; charset=utf-8',
    kind: 'professional-org',
    organization: 'Women in Engineering Network',
    defaultTags: ['women-in-tech'],
    timeZone: null,
  },
  {
    file: 'open-mentorship.json',
    contentType: 'application/feed+json',
    kind: 'mentorship-program',
    organization: 'Open Mentorship Program',
    defaultTags: ['mentorship'],
    timeZone: null,
  },
  {
    // Served as text/plain on purpose: formats are detected from the content.
    file: 'product-leaders.html',
    contentType: 'text/plain; charset=utf-8',
    kind: 'peer-group',
    organization: 'Product Leaders Circle',
    defaultTags: ['product-management'],
    timeZone: 'Europe/Berlin',
  },
];
