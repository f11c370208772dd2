import type { CallClosingSoon } from '../calls/calls-closing-soon.ts';
import type { StoredEvent } from '../events/stored-event.ts';
import type { MatchedEvent, PreviousDigestEntry, UserMatches } from '../matching/match-events.ts';
import { actionUrl, signLink } from '../security/signed-links.ts';
import type { UserProfile } from '../users/user-profile.ts';
import type {
  DigestCallItem,
  DigestContactDue,
  DigestEventItem,
  DigestModel,
  DigestOccurrence,
  DigestOrganizationItem,
  DigestPersonItem,
  DigestSection,
  DigestSectionId,
} from './digest-model.ts';
import { plainLine } from './plain-line.ts';
import { truncateAtWord } from './truncate-at-word.ts';

/** A blurb is one line of a phone's width, or two at most. */
export const BLURB_LENGTH = 140;

const sectionTitles: Record<DigestSectionId, string> = {
  organizations: 'From organizations you follow',
  'near-you': 'Near you',
  online: 'Online',
  mentorship: 'Mentorship programs',
};
const sectionOrder: readonly DigestSectionId[] = ['organizations', 'near-you', 'online', 'mentorship'];

export interface DigestLinks {
  readonly publicBaseUrl: string;
  readonly unsubscribeMailto: string;
  readonly secret: Uint8Array;
}

function item(
  match: MatchedEvent,
  later: readonly MatchedEvent[],
  profile: UserProfile,
  links: DigestLinks,
  now: Date,
): DigestEventItem {
  const event = match.event;
  return {
    eventId: event.id,
    title: event.title,
    start: event.start,
    end: event.end,
    allDay: event.allDay,
    status: event.status,
    online: event.online,
    joinUrl: event.joinUrl,
    location: event.location,
    organization: event.organization,
    kind: event.kind,
    url: event.url,
    reasons: match.reasons,
    blurb: blurbOf(event),
    laterOccurrences: later.map(
      ({ event: occurrence }): DigestOccurrence => ({
        eventId: occurrence.id,
        start: occurrence.start,
        end: occurrence.end,
        allDay: occurrence.allDay,
      }),
    ),
    notInterestedUrl: actionUrl(
      links.publicBaseUrl,
      signLink('not-interested', profile.id, now, links.secret, event.id),
    ),
    saveUrl: actionUrl(links.publicBaseUrl, signLink('save', profile.id, now, links.secret, event.id)),
  };
}

/** The description's first sentence or line, made one line and cut at a word; null when empty. */
export function blurbOf(event: Pick<StoredEvent, 'description' | 'title'>): string | null {
  const text = plainLine(event.description.replace(/<[^>]*>/g, ' '));
  if (!text || text.toLowerCase() === plainLine(event.title).toLowerCase()) return null;
  const sentence = /^(.{20,}?[.!?])(\s|$)/u.exec(text)?.[1] ?? text;
  return truncateAtWord(sentence, BLURB_LENGTH);
}

/**
 * Occurrences of one series are one entry (told apart like the listings do: same source, same
 * title), and a section is in date order.
 */
const seriesKey = (event: StoredEvent) => `${event.primarySourceId}\u0000${event.title.trim().toLowerCase()}`;

const startMs = (start: string) => Date.parse(start.length === 10 ? `${start}T00:00:00Z` : start);

function sectionEntries(matches: readonly MatchedEvent[]): { first: MatchedEvent; later: MatchedEvent[] }[] {
  const ordered = [...matches].sort(
    (a, b) => startMs(a.event.start) - startMs(b.event.start) || a.event.id.localeCompare(b.event.id),
  );
  const bySeries = new Map<string, { first: MatchedEvent; later: MatchedEvent[] }>();
  for (const match of ordered) {
    const key = seriesKey(match.event);
    const entry = bySeries.get(key);
    if (entry) entry.later.push(match);
    else bySeries.set(key, { first: match, later: [] });
  }
  return [...bySeries.values()];
}

/** What this user's digest says this week: sections of matches, changes, links. */
export function buildDigestModel(
  profile: UserProfile,
  matches: UserMatches,
  window: { readonly isoWeek: string; readonly from: Date; readonly to: Date },
  links: DigestLinks,
  now: Date,
  contactsDue: readonly DigestContactDue[] = [],
  calls: readonly CallClosingSoon[] = [],
  suggestions: {
    readonly people: readonly DigestPersonItem[];
    readonly organizations: readonly DigestOrganizationItem[];
  } = { people: [], organizations: [] },
): DigestModel {
  const sections: DigestSection[] = sectionOrder
    .map((id) => ({
      id,
      title: sectionTitles[id],
      items: sectionEntries(matches.matches.filter((match) => match.section === id)).map(({ first, later }) =>
        item(first, later, profile, links, now),
      ),
    }))
    .filter((section) => section.items.length > 0);
  const unsubscribeToken = signLink('unsubscribe', profile.id, now, links.secret);
  return {
    recipient: { email: profile.email, name: profile.name, timeZone: profile.timeZone },
    isoWeek: window.isoWeek,
    windowFrom: window.from.toISOString(),
    windowTo: window.to.toISOString(),
    sections,
    changes: matches.changes,
    contactsDue,
    callsClosing: calls.map(callItem),
    people: suggestions.people,
    organizations: suggestions.organizations,
    links: {
      peopleUrl: `${links.publicBaseUrl}/people`,
      organizationsUrl: `${links.publicBaseUrl}/organizations`,
      preferencesUrl: `${links.publicBaseUrl}/profile`,
      unsubscribeUrl: actionUrl(links.publicBaseUrl, unsubscribeToken),
      unsubscribeMailto: `mailto:${links.unsubscribeMailto}?subject=unsubscribe%20${profile.id}`,
    },
  };
}

function callItem(call: CallClosingSoon): DigestCallItem {
  return {
    kind: call.kind,
    eventId: call.eventId,
    title: call.title,
    closesOn: call.closesOn,
    daysLeft: call.daysLeft,
    applyUrl: call.applyUrl,
    eventStart: call.start,
    allDay: call.allDay,
    reasons: call.reasons,
  };
}

export const isEmptyDigest = (model: DigestModel) =>
  model.sections.length === 0 &&
  model.changes.length === 0 &&
  model.contactsDue.length === 0 &&
  model.callsClosing.length === 0;

/** What the ledger keeps of a sent digest: enough to tell next week what moved or was cancelled. */
export function shownEntries(model: DigestModel, matches: UserMatches): PreviousDigestEntry[] {
  const shown = new Set(
    model.sections.flatMap((section) =>
      section.items.flatMap((entry) => [
        entry.eventId,
        ...entry.laterOccurrences.map((occurrence) => occurrence.eventId),
      ]),
    ),
  );
  return matches.matches
    .filter((match) => shown.has(match.event.id))
    .map((match) => ({
      eventId: match.event.id,
      start: match.event.start,
      status: match.event.status,
      title: match.event.title,
      allDay: match.event.allDay,
      updatedAt: match.event.updatedAt,
    }));
}
