import type { Contact } from '../contacts/contact.ts';
import { formatDay } from '../digest/format-event-time.ts';
import type { StoredEvent } from '../events/stored-event.ts';
import type { PersonRole } from '../feeds/feed-event.ts';
import { personKey } from '../people/person-name.ts';
import { isTopicId, topicById } from '../topics/topic-vocabulary.ts';
import type { UserProfile } from '../users/user-profile.ts';
import type { ReminderSuggestion } from './reminder-model.ts';

const fold = (value: string) => value.trim().toLocaleLowerCase('en');

const MEET_VERBS: Record<PersonRole, string> = {
  speaker: 'speaks at',
  chair: 'chairs',
  organizer: 'organizes',
  author: 'announced',
};

/**
 * Up to three upcoming events to talk about: first the events that name the contact (a potential
 * mentor who speaks somewhere is someone to meet there), then ones on a topic both the user and the
 * contact care about, or by the contact's organization; soonest first within each. Cancelled,
 * removed and muted events, and those the user said they are not interested in, are left out.
 */
export function suggestEvents(
  profile: UserProfile,
  contact: Contact,
  events: readonly StoredEvent[],
  limit = 3,
): ReminderSuggestion[] {
  const shared = contact.topics.filter((topic) => profile.topics.includes(topic));
  const organization = contact.organization ? fold(contact.organization) : null;
  const hidden = new Set(profile.notInterested.map((mark) => mark.eventId));
  const muted = profile.mutedWords.map(fold);
  const contactKey = personKey(contact.name);
  const suggestions: { start: string; meets: boolean; suggestion: ReminderSuggestion }[] = [];
  for (const event of events) {
    if (event.removed || event.status === 'cancelled' || hidden.has(event.id)) continue;
    if (profile.mutedSources.includes(event.primarySourceId)) continue;
    if (muted.some((word) => fold(event.title).includes(word))) continue;
    const named = contactKey === '' ? undefined : event.people?.find((person) => person.key === contactKey);
    if (named) {
      suggestions.push({
        start: event.start,
        meets: true,
        suggestion: {
          title: event.title,
          start: event.start,
          end: event.end,
          allDay: event.allDay,
          url: event.url,
          reason: contact.name,
          meet: `${contact.name} ${MEET_VERBS[named.role]} ${event.title} on ${formatDay(event.start, profile.timeZone)}`,
        },
      });
      continue;
    }
    const byOrganization =
      organization !== null && event.organization !== null && fold(event.organization) === organization;
    const topic = shared.find((id) => event.tags.includes(id));
    if (!byOrganization && !topic) continue;
    const reason = byOrganization
      ? (event.organization ?? '')
      : isTopicId(topic ?? '')
        ? topicById(topic as Parameters<typeof topicById>[0]).label
        : (topic ?? '');
    suggestions.push({
      start: event.start,
      meets: false,
      suggestion: {
        title: event.title,
        start: event.start,
        end: event.end,
        allDay: event.allDay,
        url: event.url,
        reason,
      },
    });
  }
  return suggestions
    .sort((a, b) => Number(b.meets) - Number(a.meets) || a.start.localeCompare(b.start))
    .slice(0, limit)
    .map((entry) => entry.suggestion);
}
