import type { Contact } from '../contacts/contact.ts';
import type { StoredEvent } from '../events/stored-event.ts';
import { isTopicId, topicById } from '../topics/topic-vocabulary.ts';
import type { UserProfile } from '../users/user-profile.ts';
import type { ReminderSuggestion } from './reminder-model.ts';

const fold = (value: string) => value.trim().toLocaleLowerCase('en');

/**
 * Up to three upcoming events to talk about: ones on a topic both the user and the contact care
 * about, or by the contact's organization; soonest first. Cancelled, removed and muted events, and
 * those the user said they are not interested in, are left out.
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
  const suggestions: { start: string; suggestion: ReminderSuggestion }[] = [];
  for (const event of events) {
    if (event.removed || event.status === 'cancelled' || hidden.has(event.id)) continue;
    if (profile.mutedSources.includes(event.primarySourceId)) continue;
    if (muted.some((word) => fold(event.title).includes(word))) continue;
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
    .sort((a, b) => a.start.localeCompare(b.start))
    .slice(0, limit)
    .map((entry) => entry.suggestion);
}
