import { describe, expect, it } from 'vitest';
import { buildContact } from '../../../shared/contacts/contact-input.ts';
import { personKey } from '../../../shared/people/person-name.ts';
import { suggestionReasonText } from '../../../shared/reminders/reminder-phrases.ts';
import { suggestEvents } from '../../../shared/reminders/suggest-events.ts';
import { storedEvent, userProfile } from '../../support/matching-fixtures.ts';

const now = new Date('2030-03-04T08:00:00Z');
const reader = userProfile({ topics: ['leadership'], timeZone: 'Europe/Berlin' });

describe('events a reconnect reminder suggests', () => {
  const mentor = buildContact(
    reader.id,
    { name: 'Dr. Ana Costa', relationship: 'potential-mentor', topics: ['leadership'] },
    '2030-03-04',
    now,
  );
  const speaking = storedEvent({
    id: 'talk',
    title: 'Platform Engineering Day',
    start: '2030-03-12T17:00:00Z',
    tags: ['cloud'],
    people: [{ name: 'Ana Costa', key: personKey('Ana Costa'), role: 'speaker', from: 'field' }],
  });
  const sooner = storedEvent({
    id: 'lead',
    title: 'Leadership Breakfast',
    start: '2030-03-06T08:00:00Z',
    tags: ['leadership'],
  });

  it('puts first the event where a potential mentor speaks, and says where to meet them', () => {
    const suggestions = suggestEvents(reader, mentor, [sooner, speaking]);
    expect(suggestions.map((suggestion) => suggestion.title)).toEqual([
      'Platform Engineering Day',
      'Leadership Breakfast',
    ]);
    expect(suggestionReasonText(suggestions[0] as (typeof suggestions)[number])).toBe(
      'Where to meet: Dr. Ana Costa speaks at Platform Engineering Day on Tue 12 Mar',
    );
    expect(suggestionReasonText(suggestions[1] as (typeof suggestions)[number])).toBe(
      'Fits you both: Leadership',
    );
  });

  it('leaves out a cancelled event even when it names the contact', () => {
    expect(suggestEvents(reader, mentor, [{ ...speaking, status: 'cancelled' }])).toEqual([]);
  });
});
