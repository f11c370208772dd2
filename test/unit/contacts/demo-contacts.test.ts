import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/contacts/next-due-date.ts';
import { contactsDueBy, contactsToRemind } from '../../../shared/contacts/reminder-plan.ts';
import { demoContactsFor } from '../../../shared/local/demo-contacts.ts';
import { isTopicId } from '../../../shared/topics/topic-vocabulary.ts';

describe('demo contacts', () => {
  const today = '2028-03-01';
  const demo = demoContactsFor('usr_ana', today, new Date('2028-03-01T07:00:00Z'));

  it('has a mentor due today, a peer due this week, a mentee not due and a paused sponsor', () => {
    expect(demo.map((contact) => [contact.relationship, contact.paused])).toEqual([
      ['mentor', false],
      ['mentee', false],
      ['peer', false],
      ['sponsor', true],
    ]);
    expect(contactsToRemind(demo, today).map(({ contact, dueOn }) => [contact.relationship, dueOn])).toEqual([
      ['mentor', today],
    ]);
    expect(
      contactsDueBy(demo, today, addDays(today, 6)).map(({ contact, dueOn }) => [
        contact.relationship,
        dueOn,
      ]),
    ).toEqual([
      ['mentor', today],
      ['peer', '2028-03-05'],
    ]);
  });

  it('belongs to the reader, with vocabulary topics and notes on every contact', () => {
    for (const contact of demo) {
      expect(contact.userId).toBe('usr_ana');
      expect(contact.topics.length).toBeGreaterThan(0);
      expect(contact.topics.filter((topic) => !isTopicId(topic))).toEqual([]);
      expect(contact.notes).not.toBe('');
    }
    expect(demo[0]?.topics).toContain('kubernetes');
  });
});
