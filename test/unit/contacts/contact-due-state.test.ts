import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../shared/contacts/contact.ts';
import {
  contactsInDueOrder,
  dueLabel,
  dueSentence,
  dueStateOf,
} from '../../../shared/contacts/contact-due-state.ts';
import { dateText } from '../../../shared/web/contact-pages.tsx';
import { contact as fixture } from './contact-fixture.ts';

const today = '2026-05-12';

/** A mentor every week, added long ago: due a week after the last talk. */
const contact = (overrides: Partial<Contact>): Contact =>
  fixture({ cadence: { every: 1, unit: 'weeks' }, addedOn: '2026-04-01', ...overrides });

const words = (overrides: Partial<Contact>) => {
  const due = dueStateOf(contact(overrides), today);
  return [dueSentence(due, dateText), dueLabel(due)];
};

describe('a contact’s due state', () => {
  it('counts the days past or ahead of the due date, in the words of the pages and of the CLI', () => {
    expect(dueStateOf(contact({ lastContactedOn: '2026-05-01' }), today)).toEqual({
      state: 'overdue',
      dueOn: '2026-05-08',
      days: 4,
    });
    expect(words({ lastContactedOn: '2026-05-01' })).toEqual(['Overdue by 4 days', 'overdue 4 days']);
    expect(words({ lastContactedOn: '2026-05-04' })).toEqual(['Overdue by 1 day', 'overdue 1 day']);
    expect(words({ lastContactedOn: '2026-05-05' })).toEqual(['Due today', 'due today']);
    expect(words({ lastContactedOn: '2026-05-06' })).toEqual(['Due in 1 day', '']);
    expect(words({ lastContactedOn: '2026-05-10' })).toEqual(['Due in 5 days', '']);
  });

  it('is "snoozed" while a snooze holds and "paused" before anything else', () => {
    const snoozed = { lastContactedOn: '2026-05-01', snoozedUntil: '2026-05-19' };
    expect(dueStateOf(contact(snoozed), today)).toEqual({ state: 'snoozed', dueOn: '2026-05-19', days: 0 });
    expect(words(snoozed)).toEqual(['Snoozed until Tue 19 May 2026', 'snoozed']);
    // A snooze that has run out: counted from its end.
    expect(words({ lastContactedOn: '2026-04-01', snoozedUntil: '2026-05-10' })).toEqual([
      'Overdue by 2 days',
      'overdue 2 days',
    ]);
    expect(words({ ...snoozed, paused: true })).toEqual(['Paused: no reminders', 'paused']);
  });

  it('orders the most overdue first, then upcoming, paused last', () => {
    const order = contactsInDueOrder([
      contact({ name: 'Paused', lastContactedOn: '2026-01-01', paused: true }),
      contact({ name: 'Later', lastContactedOn: '2026-05-11' }),
      contact({ name: 'Bea', lastContactedOn: '2026-05-01' }),
      contact({ name: 'Most overdue', lastContactedOn: '2026-04-01' }),
      contact({ name: 'Ana', lastContactedOn: '2026-05-01' }),
    ]).map((one) => one.name);
    expect(order).toEqual(['Most overdue', 'Ana', 'Bea', 'Later', 'Paused']);
  });
});
