import { buildEventIndex, matchEventsForUser } from '../matching/match-events.ts';
import type { EventStore } from '../store/event-store.ts';
import type { MembershipRepository } from '../store/membership-repository.ts';
import { isSaved, type SavedEventStore } from '../store/saved-event-store.ts';
import type { SourceRepository } from '../store/source-repository.ts';
import type { UserProfile } from '../users/user-profile.ts';
import type { Membership } from './membership.ts';
import { type OrganizationSuggestion, rankOrganizations } from './rank-organizations.ts';

export interface SuggestOrganizationsDependencies {
  readonly events: Pick<EventStore, 'listStartingBetween' | 'getMany'>;
  readonly savedEvents: Pick<SavedEventStore, 'listForUser'>;
  readonly sources: Pick<SourceRepository, 'list'>;
  readonly memberships: Pick<MembershipRepository, 'listForUser'>;
}

export interface OrganizationsOverview {
  /** Every organization behind the reader's matches and regular meetings, best first. */
  readonly organizations: readonly OrganizationSuggestion[];
  /** The reader's memberships, by name (with their renewal dates). */
  readonly memberships: readonly Membership[];
  readonly windowDays: number;
}

/** Organizations are suggested from the events of the next 90 days. */
export const organizationWindowDays = 90;
/** Every matching event counts, not the digest's dozen: caps far above any real window. */
const uncapped = 100_000;
const dayMs = 86_400_000;

/**
 * "Organizations worth joining" for one reader (page, JSON API, CLI): the reader's matching events of
 * the next 90 days (the digest's matcher, without its caps), their saved events, the sources and their
 * memberships, ranked by rankOrganizations.
 */
export async function suggestOrganizations(
  deps: SuggestOrganizationsDependencies,
  profile: UserProfile,
  now: Date,
): Promise<OrganizationsOverview> {
  const windowTo = new Date(now.getTime() + organizationWindowDays * dayMs);
  const [upcoming, savedItems, sources, memberships] = await Promise.all([
    deps.events.listStartingBetween(now, windowTo),
    deps.savedEvents.listForUser(profile.id),
    deps.sources.list(),
    deps.memberships.listForUser(profile.id),
  ]);
  const { matches } = matchEventsForUser(buildEventIndex(upcoming), profile, {
    now,
    windowTo,
    previous: [],
    maxEvents: uncapped,
    maxPerOrganization: uncapped,
  });
  const saved = await deps.events.getMany(savedItems.filter(isSaved).map((item) => item.eventId));
  const organizations = rankOrganizations({
    matches,
    saved: saved.filter((event) => !event.removed),
    sources,
    profile,
    memberships,
    windowDays: organizationWindowDays,
  });
  return { organizations, memberships, windowDays: organizationWindowDays };
}
