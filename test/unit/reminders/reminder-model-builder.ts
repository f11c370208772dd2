import type {
  ReminderContactItem,
  ReminderModel,
  ReminderSuggestion,
} from '../../../shared/reminders/reminder-model.ts';

/**
 * ReminderModel fixtures. The default reminder is for Mon 2 Dec 2024, a reader in Berlin (CET,
 * UTC+1). Ana Kovač (mentor, every 6 weeks) last talked Thu 17 Oct: 46 days ago, due Thu 28 Nov,
 * 4 days overdue. Ravi Shah (peer, every 8 weeks) was added 56 days ago and is due today. The
 * default suggestion is Tue 3 Dec 18:00–20:00 UTC, 19:00 in Berlin.
 */

export function reminderSuggestion(overrides: Partial<ReminderSuggestion> = {}): ReminderSuggestion {
  return {
    title: 'Kubernetes Berlin Meetup',
    start: '2024-12-03T18:00:00Z',
    end: '2024-12-03T20:00:00Z',
    allDay: false,
    url: 'https://example.org/events/k8s',
    reason: 'kubernetes',
    ...overrides,
  };
}

export function reminderContact(overrides: Partial<ReminderContactItem> = {}): ReminderContactItem {
  return {
    contactId: 'con_ana',
    name: 'Ana Kovač',
    relationship: 'mentor',
    organization: 'CNCF Berlin',
    lastContactedOn: '2024-10-17',
    dueOn: '2024-11-28',
    daysSinceContact: 46,
    neverContacted: false,
    overdueDays: 4,
    cadenceText: 'every 6 weeks',
    notes: 'Ask how the KubeCon talk went.',
    suggestions: [],
    links: contactLinks('ana'),
    ...overrides,
  };
}

/** A peer added 56 days ago, never talked to, due today, no notes. */
export function neverContactedPeer(overrides: Partial<ReminderContactItem> = {}): ReminderContactItem {
  return reminderContact({
    contactId: 'con_ravi',
    name: 'Ravi Shah',
    relationship: 'peer',
    organization: null,
    lastContactedOn: null,
    dueOn: '2024-12-02',
    daysSinceContact: 56,
    neverContacted: true,
    overdueDays: 0,
    cadenceText: 'every 8 weeks',
    notes: '',
    links: contactLinks('ravi'),
    ...overrides,
  });
}

export function contactLinks(token: string): ReminderContactItem['links'] {
  return {
    talkedUrl: `https://trellis.example/a/talked?t=${token}`,
    snoozeUrl: `https://trellis.example/a/snooze?t=${token}`,
    cadenceUrl: `https://trellis.example/a/cadence?t=${token}`,
  };
}

export function reminderModel(overrides: Partial<ReminderModel> = {}): ReminderModel {
  return {
    recipient: { email: 'ada@example.org', name: 'Ada', timeZone: 'Europe/Berlin' },
    today: '2024-12-02',
    contacts: [reminderContact()],
    links: { contactsUrl: 'https://trellis.example/contacts' },
    ...overrides,
  };
}

/** Ana with one suggestion, then Ravi: the two-contact reminder. */
export function twoContactModel(overrides: Partial<ReminderModel> = {}): ReminderModel {
  return reminderModel({
    contacts: [reminderContact({ suggestions: [reminderSuggestion()] }), neverContactedPeer()],
    ...overrides,
  });
}

/** Contacts named in order, each otherwise Ana's defaults. */
export function namedContacts(names: readonly string[]): ReminderContactItem[] {
  return names.map((name, index) =>
    reminderContact({ contactId: `con_${index}`, name, links: contactLinks(`c${index}`) }),
  );
}
