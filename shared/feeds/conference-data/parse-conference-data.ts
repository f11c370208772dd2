import { addDays } from '../event-time.ts';
import type { FeedProblem } from '../feed-event.ts';
import type { RawEvent, RawFeed } from '../raw-event.ts';
import { type ConferenceEntry, conferenceEntrySchema } from './conference-schema.ts';

export interface ConferenceDataOptions {
  /** The topic category the file's name gives (conferenceTopicOf), or null. */
  readonly topic: string | null;
}

const NO_CATEGORIES: readonly string[] = [];

/**
 * A topic file of the conference data set → RawFeed: one all-day event per conference, from its
 * start date to its end date inclusive, with city and country, the online flag, the conference
 * link, and its call for speakers. An entry that does not fit the format is a problem; the others
 * still come through.
 */
export function parseConferenceData(entries: readonly unknown[], options: ConferenceDataOptions): RawFeed {
  const events: RawEvent[] = [];
  const problems: FeedProblem[] = [];
  const categories = options.topic === null ? NO_CATEGORIES : [options.topic];
  entries.forEach((value, index) => {
    const parsed = conferenceEntrySchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      problems.push({
        entry: labelOf(value, index),
        message: `${where}${issue?.message ?? 'unreadable entry'}`,
      });
      return;
    }
    events.push(conferenceEvent(parsed.data, categories, problems));
  });
  return { title: null, events, problems };
}

function conferenceEvent(
  entry: ConferenceEntry,
  categories: readonly string[],
  problems: FeedProblem[],
): RawEvent {
  let lastDay = entry.endDate ?? entry.startDate;
  if (lastDay < entry.startDate) {
    problems.push({
      entry: entry.url,
      message: `endDate ${lastDay} is before startDate ${entry.startDate}; read as a one-day event`,
      severity: 'warning',
    });
    lastDay = entry.startDate;
  }
  const city = entry.city || null;
  const country = entry.country || null;
  const hasCfp = Boolean(entry.cfpUrl) || Boolean(entry.cfpEndDate);
  return {
    // The same conference comes back in several topic files and in next year's snapshot: its
    // link and start identify it.
    uid: `${entry.url}#${entry.startDate}`,
    recurrenceId: null,
    title: entry.name,
    description: null,
    descriptionFormat: 'text',
    start: { kind: 'date', date: entry.startDate },
    end: { kind: 'date', date: addDays(lastDay, 1) },
    status: null,
    online: entry.online ?? null,
    joinUrl: null,
    locationText: null,
    place: city === null && country === null ? null : { name: null, address: null, city, country },
    organizer: null,
    url: withScheme(entry.url),
    categories,
    callForSpeakers: hasCfp
      ? { url: entry.cfpUrl ? withScheme(entry.cfpUrl) : null, closesOn: entry.cfpEndDate ?? null }
      : null,
  };
}

/** The data set sometimes writes a link without its scheme ("india.cityjsconf.org/coc"). */
function withScheme(url: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `https://${url}`;
}

function labelOf(value: unknown, index: number): string {
  if (value !== null && typeof value === 'object' && 'url' in value && typeof value.url === 'string') {
    return value.url;
  }
  return `#${index + 1}`;
}
