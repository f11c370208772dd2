import { type CallsClosingSoonDependencies, callsClosingSoon } from '../calls/calls-closing-soon.ts';
import { localDate } from '../contacts/next-due-date.ts';
import { matchEventsForUser } from '../matching/match-events.ts';
import type { ContactRepository } from '../store/contact-repository.ts';
import type { EventStore } from '../store/event-store.ts';
import { isSaved, type SavedEventStore } from '../store/saved-event-store.ts';
import type { UserProfile } from '../users/user-profile.ts';
import type { CalendarWindow } from './calendar-window.ts';
import { callEntries } from './call-entries.ts';
import { contactReminderEntries } from './contact-reminder-entries.ts';
import { renderCalendarFeed } from './render-calendar-feed.ts';
import { selectCalendarEntries } from './select-calendar-entries.ts';

export interface UserCalendarDependencies {
  readonly getUser: (userId: string) => Promise<UserProfile | null>;
  readonly savedEvents: Pick<SavedEventStore, 'listForUser'>;
  readonly events: Pick<EventStore, 'getMany'>;
  /** The user's contacts, for due reconnects as all-day entries (absent: none). */
  readonly contacts?: Pick<ContactRepository, 'listForUser'>;
  /** Calls for speakers and registration deadlines, for readers who opted in (absent: none). */
  readonly calls?: CallsClosingSoonDependencies;
  readonly window: (now: Date) => Promise<CalendarWindow>;
  readonly refreshMinutes: number;
  /** Most matched events in one feed (saved ones always come in). */
  readonly maxMatched: number;
}

export interface UserCalendar {
  readonly body: string;
  readonly eventIds: readonly string[];
}

/** Renders one user's feed: saved events, matches over the window, and withdrawn events of the last feed. */
export async function buildUserCalendar(
  deps: UserCalendarDependencies,
  userId: string,
  previousEventIds: readonly string[],
  now: Date,
): Promise<UserCalendar | null> {
  const [profile, savedItems, window, contacts] = await Promise.all([
    deps.getUser(userId),
    deps.savedEvents.listForUser(userId),
    deps.window(now),
    deps.contacts ? deps.contacts.listForUser(userId) : Promise.resolve([]),
  ]);
  if (!profile) return null;
  const saved = savedItems.filter(isSaved);
  // "Remove from my calendar" means out of the feed too, even where the event fits the profile.
  const removedIds = new Set(savedItems.filter((item) => !isSaved(item)).map((item) => item.eventId));
  const { matches: allMatches } = matchEventsForUser(window.index, profile, {
    now,
    windowTo: window.to,
    previous: [],
    maxEvents: deps.maxMatched,
    // A calendar is not a digest: a user who follows one busy organization wants all of its events.
    maxPerOrganization: deps.maxMatched,
  });
  const matches = allMatches.filter((match) => !removedIds.has(match.event.id));
  // The window's index may be minutes old (it is shared by every render of the container); what the
  // feed says about each event is read fresh, so a moved or cancelled event shows as it is now.
  const matchedIds = new Set(matches.map((match) => match.event.id));
  const wanted = [...new Set([...matchedIds, ...saved.map((entry) => entry.eventId), ...previousEventIds])];
  const fresh = new Map((await deps.events.getMany(wanted)).map((event) => [event.id, event]));
  const freshMatches = matches.flatMap((match) => {
    const event = fresh.get(match.event.id);
    return event ? [{ ...match, event }] : [];
  });
  const savedEvents = saved.flatMap((entry) => fresh.get(entry.eventId) ?? []);
  const previouslyShown = previousEventIds.flatMap((id) => (matchedIds.has(id) ? [] : (fresh.get(id) ?? [])));
  const entries = selectCalendarEntries({ matches: freshMatches, saved: savedEvents, previouslyShown, now });
  const name = profile.name ? `Trellis · ${profile.name}` : 'Trellis';
  const calls =
    deps.calls && profile.callsInCalendar === true
      ? await callsClosingSoon(deps.calls, profile, now, windowDays(window))
      : [];
  return {
    body: renderCalendarFeed({
      name,
      entries,
      reminders: [
        ...contactReminderEntries(contacts, localDate(now, profile.timeZone), windowDays(window)),
        ...callEntries(calls, profile.timeZone),
      ],
      now,
      refreshMinutes: deps.refreshMinutes,
    }),
    eventIds: entries.map((entry) => entry.event.id),
  };
}

const windowDays = (window: CalendarWindow) =>
  Math.round((window.to.getTime() - window.from.getTime()) / 86_400_000);
