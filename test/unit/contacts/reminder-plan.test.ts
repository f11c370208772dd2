import { describe, expect, it } from 'vitest';
import { contactsDueBy, contactsToRemind } from '../../../shared/contacts/reminder-plan.ts';
import { contact } from './contact-fixture.ts';

const today = '2027-03-15';
// Mentors every 6 weeks: last talked 2027-02-01 makes them due 2027-03-15, today.
const dueToday = { lastContactedOn: '2027-02-01' };

const names = (due: readonly { contact: { name: string } }[]) => due.map((entry) => entry.contact.name);

describe('contacts to remind', () => {
  it('lists a contact on the day it comes due, 0 days overdue', () => {
    expect(contactsToRemind([contact({ ...dueToday, name: 'Jonas' })], today)).toEqual([
      { contact: expect.objectContaining({ name: 'Jonas' }), dueOn: today, overdueDays: 0 },
    ]);
  });

  it('leaves out a contact that is not due yet', () => {
    expect(contactsToRemind([contact({ lastContactedOn: '2027-02-02' })], today)).toEqual([]);
  });

  it('does not remind about an overdue contact again 3 days after the last reminder', () => {
    const overdue = contact({ lastContactedOn: '2027-01-20', lastRemindedOn: '2027-03-12' });
    expect(contactsToRemind([overdue], today)).toEqual([]);
  });

  it('reminds about an overdue contact again a week after the last reminder', () => {
    const overdue = contact({ lastContactedOn: '2027-01-20', lastRemindedOn: '2027-03-08' });
    expect(contactsToRemind([overdue], today)).toEqual([
      { contact: overdue, dueOn: '2027-03-03', overdueDays: 12 },
    ]);
  });

  it('reminds in a new round even when the last reminder, for the old round, was recent', () => {
    // Reminded on the morning of 2027-03-12, talked that day; every 3 days makes it due again today.
    const renewed = contact({
      lastContactedOn: '2027-03-12',
      lastRemindedOn: '2027-03-12',
      cadence: { every: 3, unit: 'days' },
    });
    expect(contactsToRemind([renewed], today)).toEqual([{ contact: renewed, dueOn: today, overdueDays: 0 }]);
  });

  it('never reminds about a paused contact, however overdue', () => {
    expect(contactsToRemind([contact({ lastContactedOn: '2026-01-01', paused: true })], today)).toEqual([]);
  });

  it('does not remind before a snooze ends, and does on its last day', () => {
    const snoozed = contact({ ...dueToday, snoozedUntil: '2027-03-20' });
    expect(contactsToRemind([snoozed], today)).toEqual([]);
    expect(contactsToRemind([snoozed], '2027-03-20')).toMatchObject([
      { dueOn: '2027-03-20', overdueDays: 0 },
    ]);
  });

  it('puts the most overdue first, then by name', () => {
    const due = contactsToRemind(
      [
        contact({ name: 'Zoe', ...dueToday }),
        contact({ name: 'Mia', lastContactedOn: '2027-01-25' }),
        contact({ name: 'Ana', ...dueToday }),
        contact({ name: 'Lee', lastContactedOn: '2026-12-01' }),
      ],
      today,
    );
    expect(due.map((entry) => [entry.contact.name, entry.overdueDays])).toEqual([
      ['Lee', 62],
      ['Mia', 7],
      ['Ana', 0],
      ['Zoe', 0],
    ]);
  });
});

describe('contacts due by a date', () => {
  it('lists active contacts due up to the date, overdue ones included, soonest first', () => {
    const due = contactsDueBy(
      [
        contact({ name: 'Later', lastContactedOn: '2027-02-10' }),
        contact({ name: 'Overdue', lastContactedOn: '2027-01-25' }),
        contact({ name: 'Paused', lastContactedOn: '2027-01-25', paused: true }),
        contact({ name: 'Too late', lastContactedOn: '2027-02-20' }),
      ],
      today,
      '2027-03-24',
    );
    expect(names(due)).toEqual(['Overdue', 'Later']);
    expect(due.map((entry) => [entry.dueOn, entry.overdueDays])).toEqual([
      ['2027-03-08', 7],
      ['2027-03-24', 0],
    ]);
  });
});
