import { describe, expect, it } from 'vitest';
import { callEntries } from '../../../shared/calendar/call-entries.ts';
import type { CallClosingSoon } from '../../../shared/calls/calls-closing-soon.ts';

const call = (overrides: Partial<CallClosingSoon> = {}): CallClosingSoon => ({
  kind: 'call-for-speakers',
  eventId: 'evt_1',
  title: 'Leadership Summit',
  start: '2027-04-21',
  allDay: true,
  location: 'Berlin, Germany',
  online: false,
  eventUrl: 'https://summit.example/',
  applyUrl: 'https://summit.example/cfp',
  closesOn: '2027-03-10',
  daysLeft: 8,
  reasons: ['Leadership'],
  updatedAt: '2027-01-05T10:00:00Z',
  ...overrides,
});

describe('calendar entries for calls closing', () => {
  it('puts a call on its last day, with where to apply and what the event is', () => {
    expect(callEntries([call()], 'Europe/Berlin')).toEqual([
      {
        uid: 'evt_1-call-for-speakers-2027-03-10@trellis-deadline',
        date: '2027-03-10',
        title: 'CFP closes: Leadership Summit',
        description:
          'Submit a talk: https://summit.example/cfp\n\nThe event: Wed 21 Apr (all day), Berlin, Germany.\n\nFits you: Leadership.',
        lastModified: '2027-01-05T10:00:00Z',
      },
    ]);
  });

  it('words a registration deadline as one, and an online event as online', () => {
    const [entry] = callEntries(
      [call({ kind: 'registration', location: null, online: true, applyUrl: null, reasons: [] })],
      'Europe/Berlin',
    );
    expect(entry?.title).toBe('Registration closes: Leadership Summit');
    expect(entry?.description).toBe('The event: Wed 21 Apr (all day), online.');
    expect(entry?.uid).toBe('evt_1-registration-2027-03-10@trellis-deadline');
  });
});
