import { readdirSync } from 'node:fs';
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

/** The snapshot of the open conference data set (see conference-data/README.md), served as it is. */
export const conferenceDataDirectory = new URL('./conference-data/', import.meta.url);
const CONFERENCE_DATA_PREFIX = 'conference-data/';

export const isConferenceDataFile = (file: string): boolean => file.startsWith(CONFERENCE_DATA_PREFIX);

/**
 * One source per topic file of the snapshot's years: real conferences with their calls for
 * speakers. The topic comes from the file's name.
 */
function conferenceDataSources(): DemoSource[] {
  const sources: DemoSource[] = [];
  for (const year of readdirSync(conferenceDataDirectory)
    .filter((name) => /^\d{4}$/.test(name))
    .sort()) {
    for (const file of readdirSync(new URL(`${year}/`, conferenceDataDirectory)).sort()) {
      if (!file.endsWith('.json')) continue;
      sources.push({
        file: `${CONFERENCE_DATA_PREFIX}${year}/${file}`,
        contentType: 'application/json; charset=utf-8',
        kind: 'industry-event',
        organization: 'confs.tech',
        defaultTags: [],
        timeZone: null,
      });
    }
  }
  return sources;
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
  {
    // The conference data set's format with dates relative to today: calls for speakers that close
    // soon, whatever day the demo runs (the real snapshot's calls may all be over).
    file: 'devops.json',
    contentType: 'application/json; charset=utf-8',
    kind: 'industry-event',
    organization: 'Berlin Platform Community',
    defaultTags: [],
    timeZone: 'Europe/Berlin',
  },
  ...conferenceDataSources(),
];
