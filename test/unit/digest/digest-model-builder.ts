import type {
  DigestCallItem,
  DigestChange,
  DigestContactDue,
  DigestEventItem,
  DigestModel,
  DigestSection,
} from '../../../shared/digest/digest-model.ts';

/**
 * DigestModel fixtures. The default week is Mon 2 – Sun 8 Dec 2024 in Berlin (CET, UTC+1); the
 * default event is Tue 3 Dec 18:00–20:00 UTC, which is 19:00 in Berlin, 13:00 in New York and
 * 23:30 in Kolkata.
 */

export function digestItem(overrides: Partial<DigestEventItem> = {}): DigestEventItem {
  return {
    eventId: 'evt_k8s',
    title: 'Kubernetes Berlin Meetup',
    start: '2024-12-03T18:00:00Z',
    end: '2024-12-03T20:00:00Z',
    allDay: false,
    status: 'confirmed',
    online: false,
    joinUrl: null,
    location: 'c-base, Rungestraße 20, Berlin',
    organization: 'CNCF Berlin',
    kind: 'industry-event',
    url: 'https://example.org/events/k8s',
    reasons: ['matches: Kubernetes', 'in Berlin'],
    blurb: null,
    laterOccurrences: [],
    notInterestedUrl: 'https://trellis.example/a/not-interested?t=k8s',
    saveUrl: 'https://trellis.example/a/save?t=k8s',
    ...overrides,
  };
}

export function digestSection(
  id: DigestSection['id'],
  items: readonly DigestEventItem[],
  title = sectionTitles[id],
): DigestSection {
  return { id, title, items };
}

const sectionTitles: Record<DigestSection['id'], string> = {
  'near-you': 'Near you',
  online: 'Online',
  organizations: 'From organizations you follow',
  mentorship: 'Mentorship programs',
};

export function digestChange(overrides: Partial<DigestChange> = {}): DigestChange {
  return {
    eventId: 'evt_sre',
    title: 'SRE Night',
    change: 'moved',
    previousStart: '2024-12-03T18:00:00Z',
    start: '2024-12-05T17:00:00Z',
    allDay: false,
    url: 'https://example.org/events/sre',
    ...overrides,
  };
}

export function contactDue(overrides: Partial<DigestContactDue> = {}): DigestContactDue {
  return {
    name: 'Grace Hopper',
    relationship: 'mentor',
    lastContacted: '2024-11-04',
    doneUrl: 'https://trellis.example/a/done?t=grace',
    ...overrides,
  };
}

export function digestModel(overrides: Partial<DigestModel> = {}): DigestModel {
  return {
    recipient: { email: 'ada@example.org', name: 'Ada', timeZone: 'Europe/Berlin' },
    isoWeek: '2024-W49',
    windowFrom: '2024-12-01T23:00:00Z',
    windowTo: '2024-12-08T23:00:00Z',
    sections: [digestSection('near-you', [digestItem()])],
    callsClosing: [],
    changes: [],
    contactsDue: [],
    links: {
      preferencesUrl: 'https://trellis.example/',
      unsubscribeUrl: 'https://trellis.example/a/unsubscribe?t=u1',
      unsubscribeMailto: 'mailto:unsubscribe@trellis.example?subject=unsubscribe%20u1',
    },
    ...overrides,
  };
}

/** The same model for a reader in another zone (the window moves to that zone's midnights). */
export function inZone(
  model: DigestModel,
  timeZone: string,
  windowFrom: string,
  windowTo: string,
): DigestModel {
  return { ...model, recipient: { ...model.recipient, timeZone }, windowFrom, windowTo };
}

/** Nothing to show at all. */
export function quietWeekModel(overrides: Partial<DigestModel> = {}): DigestModel {
  return digestModel({
    sections: [digestSection('near-you', []), digestSection('online', [])],
    ...overrides,
  });
}

/** One event per title, in order. */
export function manyItems(titles: readonly string[]): DigestEventItem[] {
  return titles.map((title, index) => digestItem({ eventId: `evt_${index}`, title }));
}

export function callItem(overrides: Partial<DigestCallItem> = {}): DigestCallItem {
  return {
    kind: 'call-for-speakers',
    eventId: 'evt_kubecon',
    title: 'KubeCon Europe',
    closesOn: '2024-12-08',
    daysLeft: 6,
    applyUrl: 'https://cfp.example/kubecon',
    eventStart: '2025-03-31',
    allDay: true,
    reasons: ['matches: Kubernetes'],
    ...overrides,
  };
}
