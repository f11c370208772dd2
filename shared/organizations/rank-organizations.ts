import type { StoredEvent } from '../events/stored-event.ts';
import type { MatchedEvent } from '../matching/match-types.ts';
import { organizationKeyOf } from '../matching/place-keys.ts';
import { personKey } from '../people/person-name.ts';
import type { Source, SourceKind } from '../sources/source.ts';
import type { UserProfile } from '../users/user-profile.ts';
import type { Membership } from './membership.ts';

/*
 * Organizations worth joining, from data alone (no store, no clock but `now`): the organizations
 * behind the events that match a reader (an event's source organization and its organizer, unless
 * the organizer is a person the event names), ranked by how many matching events they hold in the
 * window, with their kind, a website when one can be told, their next events and the why. A peer
 * group whose meetings the reader saved twice or more comes first: they attend it already, joining
 * is the step left.
 *
 *   rank:  attends regularly ▸ matching events in the window ▸ summed match score ▸ name
 */

/** What the ranking reads. */
export interface OrganizationEvidence {
  /** The reader's matching events in the window (matchEventsForUser with generous caps). */
  readonly matches: readonly MatchedEvent[];
  /** Events the reader saved (and did not remove), past ones included. */
  readonly saved: readonly StoredEvent[];
  /** Where a source's kind and site come from; optional. */
  readonly sources?: readonly Pick<Source, 'url' | 'organization' | 'kind'>[];
  readonly profile: Pick<UserProfile, 'followedOrganizations'>;
  readonly memberships: readonly Pick<Membership, 'organizationKey' | 'renewsOn'>[];
  /** How many days ahead `matches` reach, for the why ("in the next 90 days"). */
  readonly windowDays: number;
}

export interface OrganizationEventRef {
  readonly id: string;
  readonly title: string;
  readonly start: string;
  readonly end: string | null;
  readonly allDay: boolean;
  readonly url: string | null;
}

export interface OrganizationSuggestion {
  /** organizationKeyOf(name): stable, what memberships and follows are keyed by. */
  readonly key: string;
  readonly name: string;
  readonly kind: SourceKind;
  /** Something one can join (professional organization, peer group, mentorship programme), not only an event organizer. */
  readonly joinable: boolean;
  /** An http(s) origin, or null when none can be told. */
  readonly website: string | null;
  readonly websiteFrom: 'events' | 'source' | null;
  /** Matching events in the window. */
  readonly relevantEventCount: number;
  /** The soonest three of them. */
  readonly nextEvents: readonly OrganizationEventRef[];
  /** Their events among the reader's saved ones. */
  readonly savedEventCount: number;
  /** A peer group whose meetings the reader saved twice or more. */
  readonly attendsRegularly: boolean;
  readonly followed: boolean;
  readonly member: boolean;
  readonly renewsOn: string | null;
  /** Why it is suggested, most telling first, as sentences. */
  readonly why: readonly string[];
}

/** How many saved meetings of a peer group make "attends regularly". */
export const regularAttendanceCount = 2;
const shownEvents = 3;
const namedInWhy = 2;

export const organizationKindLabels: Record<SourceKind, string> = {
  'professional-org': 'Professional organization',
  'peer-group': 'Peer group',
  'mentorship-program': 'Mentorship programme',
  'industry-event': 'Event organizer',
};

interface Tally {
  key: string;
  names: Map<string, number>;
  kinds: Map<SourceKind, number>;
  matched: Map<string, MatchedEvent>;
  score: number;
  saved: Map<string, StoredEvent>;
  savedMeetings: number;
  origins: Map<string, number>;
}

/** The organizations an event stands for: its source's organization, and its organizer unless a person. */
export function organizationsOf(
  event: StoredEvent,
): { name: string; key: string; isSourceOrganization: boolean }[] {
  const found: { name: string; key: string; isSourceOrganization: boolean }[] = [];
  const people = new Set(
    (event.people ?? []).filter((person) => person.role === 'organizer').map((person) => person.key),
  );
  for (const [name, isSourceOrganization] of [
    [event.organization, true],
    [event.organizer, false],
  ] as const) {
    const trimmed = name?.trim() ?? '';
    if (trimmed === '') continue;
    if (!isSourceOrganization && people.has(personKey(trimmed))) continue;
    const key = organizationKeyOf(trimmed);
    if (key === '' || found.some((one) => one.key === key)) continue;
    found.push({ name: trimmed, key, isSourceOrganization });
  }
  return found;
}

function originOf(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** A source's own address says nothing about the organization when it is a machine on this network. */
function isPublicHost(origin: string): boolean {
  const host = new URL(origin).hostname;
  return (
    host.includes('.') && !/^[\d.]+$/.test(host) && !host.startsWith('[') && !host.endsWith('.localhost')
  );
}

const increment = <K>(map: Map<K, number>, key: K, by = 1) => map.set(key, (map.get(key) ?? 0) + by);
const mostFrequent = <K>(map: Map<K, number>): K | undefined => [...map].sort((a, b) => b[1] - a[1])[0]?.[0];

function tallyOf(tallies: Map<string, Tally>, key: string): Tally {
  let tally = tallies.get(key);
  if (!tally) {
    tally = {
      key,
      names: new Map(),
      kinds: new Map(),
      matched: new Map(),
      score: 0,
      saved: new Map(),
      savedMeetings: 0,
      origins: new Map(),
    };
    tallies.set(key, tally);
  }
  return tally;
}

function eventRef(event: StoredEvent): OrganizationEventRef {
  return {
    id: event.id,
    title: event.title,
    start: event.start,
    end: event.end,
    allDay: event.allDay,
    url: event.url,
  };
}

/** "A, B and 3 more" */
function someTitles(events: readonly StoredEvent[]): string {
  const titles = events.slice(0, namedInWhy).map((event) => `“${event.title.trim() || 'Untitled event'}”`);
  const more = events.length - titles.length;
  if (more > 0) return `${titles.join(', ')} and ${more} more`;
  return titles.length === 2 ? titles.join(' and ') : (titles[0] ?? '');
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** Every organization behind the reader's matches or their regular meetings, best first. */
export function rankOrganizations(evidence: OrganizationEvidence): OrganizationSuggestion[] {
  const tallies = new Map<string, Tally>();
  const seen = new Set<string>();
  for (const match of evidence.matches) {
    if (seen.has(match.event.id)) continue;
    seen.add(match.event.id);
    for (const { name, key, isSourceOrganization } of organizationsOf(match.event)) {
      const tally = tallyOf(tallies, key);
      increment(tally.names, name);
      if (isSourceOrganization) increment(tally.kinds, match.event.kind);
      tally.matched.set(match.event.id, match);
      tally.score += match.score;
      const origin = originOf(match.event.url);
      if (origin) increment(tally.origins, origin);
    }
  }
  for (const event of evidence.saved) {
    for (const { name, key, isSourceOrganization } of organizationsOf(event)) {
      const counted = tallies.has(key);
      if (!counted && event.kind !== 'peer-group') continue;
      const tally = tallyOf(tallies, key);
      if (tally.saved.has(event.id)) continue;
      tally.saved.set(event.id, event);
      if (!counted) increment(tally.names, name);
      if (isSourceOrganization && !tally.matched.has(event.id)) increment(tally.kinds, event.kind);
      if (isSourceOrganization && event.kind === 'peer-group') tally.savedMeetings += 1;
    }
  }
  const sourcesByKey = new Map<string, Pick<Source, 'url' | 'kind'>[]>();
  for (const source of evidence.sources ?? []) {
    const key = source.organization ? organizationKeyOf(source.organization) : '';
    if (key !== '') sourcesByKey.set(key, [...(sourcesByKey.get(key) ?? []), source]);
  }
  const followed = new Set(evidence.profile.followedOrganizations.map(organizationKeyOf));
  const memberships = new Map(evidence.memberships.map((m) => [m.organizationKey, m]));

  const suggestions = [...tallies.values()].map((tally): OrganizationSuggestion & { score: number } => {
    const sources = sourcesByKey.get(tally.key) ?? [];
    const kind = kindOf(tally, sources);
    const upcoming = [...tally.matched.values()]
      .map((match) => match.event)
      .sort((a, b) => a.start.localeCompare(b.start) || a.title.localeCompare(b.title));
    const attendsRegularly = tally.savedMeetings >= regularAttendanceCount;
    const membership = memberships.get(tally.key);
    const { website, websiteFrom } = websiteOf(tally, sources);
    const why: string[] = [];
    if (attendsRegularly)
      why.push(
        `You saved ${tally.savedMeetings} of their meetings: you attend regularly, so joining the group is the next step.`,
      );
    if (upcoming.length > 0)
      why.push(
        `${plural(upcoming.length, 'event', 'events')} you match in the next ${evidence.windowDays} days: ${someTitles(upcoming)}.`,
      );
    else if (!attendsRegularly && tally.saved.size > 0)
      why.push(`You saved ${plural(tally.saved.size, 'of their events', 'of their events')}.`);
    if (followed.has(tally.key)) why.push('You follow them: their events rank higher in your digest.');
    if (membership) why.push('You are a member.');
    return {
      key: tally.key,
      name: mostFrequent(tally.names) ?? tally.key,
      kind,
      joinable: kind !== 'industry-event',
      website,
      websiteFrom,
      relevantEventCount: upcoming.length,
      nextEvents: upcoming.slice(0, shownEvents).map(eventRef),
      savedEventCount: tally.saved.size,
      attendsRegularly,
      followed: followed.has(tally.key),
      member: membership !== undefined,
      renewsOn: membership?.renewsOn ?? null,
      why,
      score: tally.score,
    };
  });
  return suggestions
    .sort(
      (a, b) =>
        Number(b.attendsRegularly) - Number(a.attendsRegularly) ||
        b.relevantEventCount - a.relevantEventCount ||
        b.score - a.score ||
        a.name.localeCompare(b.name),
    )
    .map(({ score: _score, ...suggestion }) => suggestion);
}

/**
 * What the digest's "Organizations worth joining" section can show: the joinable ones (not mere event
 * organizers) the reader is not a member of, best first. Pure, over the same evidence; whether any is
 * new since the last digest is the digest's to decide (by `key`).
 */
export function organizationsWorthJoining(evidence: OrganizationEvidence): OrganizationSuggestion[] {
  return rankOrganizations(evidence).filter((organization) => organization.joinable && !organization.member);
}

/** The sources' kind when a source is theirs; else what their own events' sources say; else an event organizer. */
function kindOf(tally: Tally, sources: readonly Pick<Source, 'kind'>[]): SourceKind {
  const kinds = new Map(tally.kinds);
  for (const source of sources) increment(kinds, source.kind, 1000);
  const joinable = new Map([...kinds].filter(([kind]) => kind !== 'industry-event'));
  if (joinable.size > 0) return mostFrequent(joinable) ?? 'industry-event';
  return 'industry-event';
}

/**
 * The origin most of their events' pages share (two at least: one conference's page says nothing of
 * who listed it), else their source's site when it is a public host.
 */
function websiteOf(
  tally: Tally,
  sources: readonly Pick<Source, 'url'>[],
): Pick<OrganizationSuggestion, 'website' | 'websiteFrom'> {
  const total = [...tally.origins.values()].reduce((sum, count) => sum + count, 0);
  const [origin, count] = [...tally.origins].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [];
  if (origin && count !== undefined && count >= 2 && count * 2 > total)
    return { website: origin, websiteFrom: 'events' };
  for (const source of sources) {
    const sourceOrigin = originOf(source.url);
    if (sourceOrigin && isPublicHost(sourceOrigin)) return { website: sourceOrigin, websiteFrom: 'source' };
  }
  return { website: null, websiteFrom: null };
}
