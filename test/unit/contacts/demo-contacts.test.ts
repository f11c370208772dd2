import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/contacts/next-due-date.ts';
import { contactsDueBy, contactsToRemind } from '../../../shared/contacts/reminder-plan.ts';
import { seedDemoContacts } from '../../../shared/local/demo-contacts.ts';
import { isTopicId } from '../../../shared/topics/topic-vocabulary.ts';
import { inMemoryContacts } from '../../support/in-memory-contacts.ts';

describe('demo contacts', () => {
  const today = '2028-03-01';
  const ana = { id: 'usr_ana', timeZone: 'Europe/Berlin', reminderHour: 9 };

  async function seeded() {
    const store = inMemoryContacts([ana]);
    const count = await seedDemoContacts(store.deps, ana, new Date('2028-03-01T07:00:00Z'));
    const demo = [...store.contacts.values()];
    return { store, count, demo };
  }

  it('has a mentor due today, a peer due this week, a mentee not due and a paused sponsor', async () => {
    const { demo, count } = await seeded();
    expect(count).toBe(4);
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

  it('is added through the one "add a contact": the reader is in her reminder slot, counted four times', async () => {
    const { store } = await seeded();
    expect(store.slots.get('usr_ana')).toEqual({
      userId: 'usr_ana',
      timeZone: 'Europe/Berlin',
      hour: 9,
      contactCount: 4,
    });
  });

  it('belongs to the reader, with vocabulary topics and notes on every contact', async () => {
    const { demo } = await seeded();
    for (const contact of demo) {
      expect(contact.userId).toBe('usr_ana');
      expect(contact.topics.length).toBeGreaterThan(0);
      expect(contact.topics.filter((topic) => !isTopicId(topic))).toEqual([]);
      expect(contact.notes).not.toBe('');
    }
    expect(demo[0]?.topics).toContain('kubernetes');
  });
});
