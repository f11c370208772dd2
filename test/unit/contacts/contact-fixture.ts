import type { Contact } from '../../../shared/contacts/contact.ts';

/** A plain contact for date tests: a mentor every 6 weeks, added 2027-01-01, never contacted. */
export function contact(overrides: Partial<Contact> = {}): Contact {
  return {
    id: 'con_0000000000000001',
    userId: 'usr_1',
    name: 'Jonas Weber',
    relationship: 'mentor',
    email: null,
    organization: null,
    topics: [],
    cadence: { every: 6, unit: 'weeks' },
    addedOn: '2027-01-01',
    lastContactedOn: null,
    notes: '',
    paused: false,
    snoozedUntil: null,
    lastRemindedOn: null,
    createdAt: '2027-01-01T08:00:00.000Z',
    updatedAt: '2027-01-01T08:00:00.000Z',
    ...overrides,
  };
}
